using System.Numerics;
using FastReg.Simd;
using FastReg.Tests.Support;

namespace FastReg.Tests.Simd;

/// <summary>Column sums (a dense layer's bias gradient) on every path, bit for bit against ColumnSumsReference.</summary>
public class ColumnSumsTests
{
    private static void Check<T>(int rows, int cols, int seed, SimdPath path) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T[] x = Generators.Uniform<T>(rows * cols, seed, 3);
        T[] start = Generators.Uniform<T>(cols + 1, seed + 1, 1);
        T[] got = (T[])start.Clone(), expected = (T[])start.Clone();
        Reductions.AddColumnSums<T>(x, rows, cols, got.AsSpan(0, cols), path);
        ColumnSumsReference.AddColumnSums<T>(x, rows, cols, expected.AsSpan(0, cols));
        for (int j = 0; j <= cols; j++)
            if (got[j] != expected[j])
                throw new Xunit.Sdk.XunitException($"{path} {typeof(T).Name} [{rows}x{cols}] column {j}: got {got[j]}, expected {expected[j]}");
    }

    [Theory, MemberData(nameof(KernelPaths.Data), MemberType = typeof(KernelPaths))]
    public void Equal_the_reference_bit_for_bit_on_every_path(SimdPath path)
    {
        int seed = 1;
        foreach (int cols in new[] { 0, 1, 3, 4, 7, 8, 9, 10, 15, 16, 17, 31, 32, 33, 48, 63, 64, 65, 128, 130, 257 })
            foreach (int rows in new[] { 0, 1, 2, 5, 32, 33 })
            {
                Check<float>(rows, cols, seed, path);
                Check<double>(rows, cols, seed, path);
                seed += 2;
            }
    }

    [Fact]
    public void Short_spans_are_refused()
    {
        Assert.Equal("x", Assert.Throws<ArgumentException>(() => Reductions.AddColumnSums<float>(new float[5], 2, 3, new float[3])).ParamName);
        Assert.Equal("sums", Assert.Throws<ArgumentException>(() => Reductions.AddColumnSums<float>(new float[6], 2, 3, new float[2])).ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => Reductions.AddColumnSums<float>(new float[6], -1, 3, new float[3]));
    }
}
