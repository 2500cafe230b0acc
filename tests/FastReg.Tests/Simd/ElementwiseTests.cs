using FastReg.Simd;
using FastReg.Tests.Support;
using FastReg.Simd.Reference;

namespace FastReg.Tests.Simd;

/// <summary>
/// Axpy, Multiply and AddScaledSign round once per element on every path, so every path must
/// equal the scalar reference exactly, including zeros, signs and NaN.
/// </summary>
public class ElementwiseTests
{
    private static T[] WithSpecials<T>(int n, int seed) where T : System.Numerics.IFloatingPointIeee754<T>
    {
        T[] x = Generators.Uniform<T>(n, seed);
        var rng = new Random(seed ^ 0x5bd1);
        for (int i = 0; i < n; i++)
        {
            int r = rng.Next(20);
            if (r == 0) x[i] = T.Zero;
            else if (r == 1) x[i] = T.NegativeZero;
            else if (r == 2) x[i] = T.NaN;
        }
        return x;
    }

    [Theory]
    [MemberData(nameof(KernelPaths.Data), MemberType = typeof(KernelPaths))]
    public void Every_path_equals_the_reference_exactly(SimdPath path)
    {
        Generators.CheckLengths((n, seed) => Check<float>(n, seed, path) && Check<double>(n, seed, path));

        static bool Check<T>(int n, int seed, SimdPath path) where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
        {
            T[] x = WithSpecials<T>(n, seed), y = WithSpecials<T>(n, seed + 1);
            T alpha = T.CreateTruncating(-0.75);

            T[] got = (T[])y.Clone(), want = (T[])y.Clone();
            Elementwise.Axpy(alpha, x, got, path);
            ElementwiseReference.Axpy<T>(alpha, x, want);
            if (!Same(got, want)) return false;

            got = new T[n]; want = new T[n];
            Elementwise.Multiply<T>(x, y, got, path);
            ElementwiseReference.Multiply<T>(x, y, want);
            if (!Same(got, want)) return false;

            got = (T[])y.Clone(); want = (T[])y.Clone();
            Elementwise.AddScaledSign(alpha, x, got, path);
            ElementwiseReference.AddScaledSign<T>(alpha, x, want);
            return Same(got, want);
        }
    }

    private static bool Same<T>(T[] a, T[] b) where T : System.Numerics.IFloatingPointIeee754<T>
    {
        for (int i = 0; i < a.Length; i++)
            if (!(a[i] == b[i] || (T.IsNaN(a[i]) && T.IsNaN(b[i]))) || T.IsNegative(a[i]) != T.IsNegative(b[i]) && !T.IsNaN(a[i]))
                return false;
        return true;
    }

    [Fact]
    public void Worked_values()
    {
        float[] y = [1, 1, 1, 1];
        Elementwise.Axpy<float>(2, [1, -1, 0, 0.5f], y);
        Assert.Equal([3f, -1f, 1f, 2f], y);
        float[] g = [0, 0, 0];
        Elementwise.AddScaledSign<float>(0.5f, [3, -2, 0], g);
        Assert.Equal([0.5f, -0.5f, 0f], g);
        float[] z = new float[3];
        Elementwise.Multiply<float>([1, 2, 3], [0, 2, 0.5f], z);
        Assert.Equal([0f, 4f, 1.5f], z);
    }

    [Fact]
    public void Multiply_works_in_place()
    {
        float[] x = Generators.Uniform<float>(77, 3), m = Generators.Uniform<float>(77, 4);
        float[] want = new float[77];
        ElementwiseReference.Multiply<float>(x, m, want);
        Elementwise.Multiply<float>(x, m, x);
        Assert.Equal(want, x);
    }

    [Fact]
    public void Mismatched_lengths_name_the_argument()
    {
        Assert.Equal("y", Assert.Throws<ArgumentException>(() => Elementwise.Axpy<float>(1, new float[3], new float[2])).ParamName);
        Assert.Equal("m", Assert.Throws<ArgumentException>(() => Elementwise.Multiply<float>(new float[3], new float[2], new float[3])).ParamName);
        Assert.Equal("z", Assert.Throws<ArgumentException>(() => Elementwise.Multiply<float>(new float[3], new float[3], new float[4])).ParamName);
        Assert.Equal("g", Assert.Throws<ArgumentException>(() => Elementwise.AddScaledSign<double>(1, new double[3], new double[1])).ParamName);
    }

    [Fact]
    public void Calls_allocate_nothing()
    {
        float[] x = new float[1000], y = new float[1000];
        Elementwise.Axpy(1f, x, y);
        Elementwise.Multiply<float>(x, y, y);
        Elementwise.AddScaledSign(1f, x, y);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10; i++)
        {
            Elementwise.Axpy(1f, x, y);
            Elementwise.Multiply<float>(x, y, y);
            Elementwise.AddScaledSign(1f, x, y);
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
