namespace FastReg.Bench;

/// <summary>
/// The memory a benchmark method must move per call, in arrays of <c>Size</c> elements: each array
/// read counts once and each array written counts once (STREAM convention, like
/// <see cref="FastReg.Diagnostics.BandwidthProbe"/>; the write-allocate read is not counted). SGD with decay, for
/// example, reads w and g and writes w: read 2, write 1, three arrays moved, two distinct arrays.
/// GB/s = <see cref="Arrays"/> x Size x <see cref="ElementBytes"/> / median time.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class TrafficAttribute(int read, int write) : Attribute
{
    /// <summary>Arrays read per call.</summary>
    public int Read { get; } = read;

    /// <summary>Arrays written per call.</summary>
    public int Write { get; } = write;

    /// <summary>Distinct arrays touched (the working set); defaults to read + write.</summary>
    public int Distinct { get; init; } = read + write;

    /// <summary>Bytes per element (4 for float).</summary>
    public int ElementBytes { get; init; } = sizeof(float);

    /// <summary>Arrays moved per call.</summary>
    public int Arrays => Read + Write;

    /// <summary>Whether the kernel writes (sets which DRAM limit applies: triad, or plain read).</summary>
    public bool Writes => Write > 0;
}
