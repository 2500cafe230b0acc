namespace FastReg.Diagnostics;

/// <summary>
/// The arrays the quick report's kernels run on, all of one length: X is read-only input, W the
/// parameters the updates change (and the second operand of Dot), M and V the optimizer moments
/// (M doubles as the output of Relu and Softmax). Four arrays cover every kernel, which keeps
/// the DRAM-sized set at 4 x 64 MiB.
/// </summary>
internal sealed class KernelBuffers
{
    /// <summary>Softmax row length (as the BenchmarkDotNet suite: rows of 1024, or one shorter row).</summary>
    const int SoftmaxCols = 1024;

    public KernelBuffers(int length)
    {
        Length = length;
        X = new float[length];
        W = new float[length];
        M = new float[length];
        V = new float[length];
        // x and w in [-4, 4) (softmax inputs that neither overflow nor vanish); moments start at 0, v ≥ 0.
        var random = new Random(20240601);
        for (int i = 0; i < length; i++)
        {
            X[i] = (float)(8 * random.NextDouble() - 4);
            W[i] = (float)(8 * random.NextDouble() - 4);
        }
    }

    public int Length { get; }

    public float[] X { get; }

    public float[] W { get; }

    public float[] M { get; }

    public float[] V { get; }

    /// <summary>Softmax columns: rows of 1024, or one row of the whole length below that.</summary>
    public int Cols => Math.Min(Length, SoftmaxCols);

    /// <summary>Softmax rows.</summary>
    public int Rows => Length / Cols;

    /// <summary>Where reductions put their results, so no call is dead code.</summary>
    public double Sink { get; set; }
}
