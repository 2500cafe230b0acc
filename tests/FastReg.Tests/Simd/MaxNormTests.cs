using System.Numerics;
using FastReg.Simd;
using FastReg.Tests.Support;
using FastReg.Simd.Reference;

namespace FastReg.Tests.Simd;

public class MaxNormTests
{
    private static bool MatchesReference<T>(int cols, int seed, SimdPath path) where T : unmanaged, IFloatingPointIeee754<T>
    {
        int rows = 1 + seed % 7;
        T[] w = Generators.Uniform<T>(rows * cols, seed, 1.0 + seed % 5);
        T[] expected = (T[])w.Clone(), w0 = (T[])w.Clone();
        double maxNorm = 0.5 * Math.Sqrt(cols);
        UpdatesReference.MaxNormRows<T>(expected, rows, cols, T.CreateTruncating(maxNorm));
        Updates.MaxNormRows<T>(w, rows, cols, T.CreateTruncating(maxNorm), path);
        double u = Tolerance.UnitRoundoff<T>();
        for (int r = 0; r < rows; r++)
        {
            double norm = UpdatesReference.RowNorm<T>(w0.AsSpan(r * cols, cols));
            bool borderline = Math.Abs(norm / maxNorm - 1) < 1e-4; // the two may decide differently within rounding
            for (int j = r * cols; j < (r + 1) * cols; j++)
            {
                if (norm <= maxNorm && !borderline && !w[j].Equals(w0[j])) return false; // untouched rows keep their bits
                double tol = (cols + 8) * u * Math.Abs(double.CreateTruncating(expected[j]));
                if (!borderline && Math.Abs(double.CreateTruncating(w[j] - expected[j])) > tol) return false;
            }
            double after = UpdatesReference.RowNorm<T>(w.AsSpan(r * cols, cols));
            if (after > maxNorm * (1 + (cols + 8) * u)) return false;
        }
        return true;
    }

    [Theory]
    [MemberData(nameof(KernelPaths.Data), MemberType = typeof(KernelPaths))]
    public void MaxNormRows_matches_reference_on_every_row_length(SimdPath path)
    {
        Generators.CheckLengths((cols, seed) => MatchesReference<float>(cols, seed, path), 100);
        Generators.CheckLengths((cols, seed) => MatchesReference<double>(cols, seed, path), 100);
    }

    [Theory]
    [MemberData(nameof(KernelPaths.Data), MemberType = typeof(KernelPaths))]
    public void Rows_are_rescaled_to_the_bound_and_others_kept(SimdPath path)
    {
        // Row 0: norm 5 > 2 → scaled by 2/5. Row 1: norm 1 ≤ 2 → unchanged. Row 2: zero row stays zero.
        float[] w = [3f, 4f, 0f, 0.6f, 0f, 0.8f, 0f, 0f, 0f];
        Updates.MaxNormRows<float>(w, 3, 3, 2f, path);
        UpdateAsserts.Close<float>([1.2, 1.6, 0, 0.6, 0, 0.8, 0, 0, 0], w, 2e-7);
        Assert.Equal(0.6f, w[3]);
    }

    [Theory]
    [MemberData(nameof(KernelPaths.Data), MemberType = typeof(KernelPaths))]
    public void Row_norms_neither_overflow_nor_underflow(SimdPath path)
    {
        // float: 1e30² overflows and 1e-30² underflows in float; double: likewise at 1e200 and 1e-200.
        const int cols = 37;
        float[] big = new float[cols], tiny = new float[cols];
        Array.Fill(big, 1e30f);
        Array.Fill(tiny, 1e-30f);
        Updates.MaxNormRows<float>(big, 1, cols, 1f, path);
        Updates.MaxNormRows<float>(tiny, 1, cols, 1e-30f, path); // norm √37·1e-30 > 1e-30
        Assert.Equal(1.0, UpdatesReference.RowNorm<float>(big), 1e-6);
        Assert.Equal(1.0, UpdatesReference.RowNorm<float>(tiny) / 1e-30, 1e-5);
        double[] bigD = new double[cols], tinyD = new double[cols];
        Array.Fill(bigD, 1e200);
        Array.Fill(tinyD, 1e-200);
        Updates.MaxNormRows<double>(bigD, 1, cols, 3.0, path);
        Updates.MaxNormRows<double>(tinyD, 1, cols, 1e-200, path);
        Assert.Equal(3.0, UpdatesReference.RowNorm<double>(bigD), 1e-13);
        Assert.Equal(1.0, UpdatesReference.RowNorm<double>(tinyD) / 1e-200, 1e-13);
    }

    [Fact]
    public void Zero_bound_zeroes_every_nonzero_row()
    {
        double[] w = [1, -2, 0, 0, 5, 6];
        Updates.MaxNormRows<double>(w, 3, 2, 0.0);
        Assert.All(w, x => Assert.Equal(0.0, Math.Abs(x)));
    }

    [Fact]
    public void Validation_names_the_argument()
    {
        Assert.Equal("w", Assert.Throws<ArgumentException>(() => Updates.MaxNormRows<float>(new float[6], 2, 2, 1f)).ParamName);
        Assert.Equal("rows", Assert.Throws<ArgumentOutOfRangeException>(() => Updates.MaxNormRows<float>(new float[6], -2, -3, 1f)).ParamName);
        Assert.Equal("cols", Assert.Throws<ArgumentOutOfRangeException>(() => Updates.MaxNormRows<float>(new float[6], 2, -3, 1f)).ParamName);
        Assert.Equal("maxNorm", Assert.Throws<ArgumentOutOfRangeException>(() => Updates.MaxNormRows<float>(new float[6], 2, 3, -1f)).ParamName);
        Updates.MaxNormRows<float>([], 0, 5, 1f);
        Updates.MaxNormRows<float>([], 4, 0, 1f);
    }

    [Fact]
    public void Allocates_nothing()
    {
        float[] w = Generators.Uniform<float>(64 * 100, 1, 10);
        Assert.Equal(0, UpdateAsserts.AllocatedBytes(() => Updates.MaxNormRows<float>(w, 64, 100, 1f)));
    }
}
