namespace FastReg.Diagnostics;

/// <summary>
/// One kernel of the quick report and the memory it must move per call, in arrays of n floats
/// (STREAM convention, as <see cref="BandwidthProbe"/> counts: each array read or written once, the
/// write-allocate read not counted). SGD with decay, for example, reads w and g and writes w: read 2,
/// write 1, two distinct arrays in the working set.
/// </summary>
/// <param name="Name">Kernel name as the report shows it.</param>
/// <param name="Read">Arrays read per call.</param>
/// <param name="Write">Arrays written per call.</param>
/// <param name="Distinct">Distinct arrays touched (the working set).</param>
/// <param name="Run">One call on the given buffers, on the active path.</param>
internal sealed record KernelCase(string Name, int Read, int Write, int Distinct, Action<KernelBuffers> Run)
{
    /// <summary>Bytes moved per call at length <paramref name="n"/>.</summary>
    public double BytesMoved(int n) => (double)(Read + Write) * n * sizeof(float);

    /// <summary>Bytes of the working set at length <paramref name="n"/>.</summary>
    public long WorkingSetBytes(int n) => (long)Distinct * n * sizeof(float);
}
