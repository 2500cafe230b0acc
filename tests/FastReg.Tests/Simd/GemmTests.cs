using System.Numerics;
using FastReg.Simd;
using FastReg.Simd.Gemm;
using FastReg.Tests.Support;
using FsCheck;
using FsCheck.Fluent;
using FastReg.Simd.Reference;

namespace FastReg.Tests.Simd;

public class GemmTests
{
    // A path the CPU does not accelerate (Vector512 here; Vector256 under DOTNET_EnableAVX2=0) runs
    // emulated and slowly: keep its products small.
    static bool Emulated(SimdPath path) => !Isa.IsAccelerated(path);

    static long Budget(SimdPath path) => Emulated(path) ? 40_000 : 400_000;

    /// <summary>Dimensions biased to the tile and block edges of the path, plus small primes.</summary>
    static Gen<int> Dim(GemmBlocking t) => Gen.Frequency(
        (5, Gen.Elements(0, 1, 2, 3, 7, 13, 31, 37, t.MR - 1, t.MR, t.MR + 1, 2 * t.MR + 1, t.NR - 1, t.NR, t.NR + 1, 2 * t.NR - 1)),
        (3, Gen.Choose(0, 80)),
        (1, Gen.Elements(t.KC - 1, t.KC, t.KC + 1, t.MC - 1, t.MC + 1)));

    static Gen<double> Scalar => Gen.Elements(0.0, 1.0, -1.0, 0.75, -1.5);

    /// <summary>Cases on the path's table blocking, or on a tiny blocking that makes every loop of the driver run several times.</summary>
    static Gen<GemmCase> Cases<T>(SimdPath path) where T : unmanaged, IFloatingPointIeee754<T>
    {
        GemmBlocking table = GemmBlockSizes.For<T>(path);
        // null: the path's table and automatic in-place policy; else tiny blocks and a forced policy
        // (pack both, read A / B / both in place), so every loop and every operand access runs.
        Gen<GemmBlocking?> blocking = Gen.Frequency(
            (1, Gen.Constant<GemmBlocking?>(null)),
            (2, from kc in Gen.Elements(1, 3, 8)
                from mc in Gen.Elements(1, 2)
                from nc in Gen.Elements(1, 3)
                from inPlace in Gen.Elements(-1, 0, 1, 2, 3)
                select (GemmBlocking?)(table with { KC = kc, MC = mc * table.MR, NC = nc * table.NR, InPlace = inPlace })));
        long budget = Budget(path);
        return from m in Dim(table)
               from n in Dim(table)
               from k in Dim(table)
               from ta in Gen.Elements(Transpose.No, Transpose.Yes)
               from tb in Gen.Elements(Transpose.No, Transpose.Yes)
               from padA in Gen.Elements(0, 0, 1, 3)
               from padB in Gen.Elements(0, 0, 2, 5)
               from padC in Gen.Elements(0, 0, 1, 4)
               from alpha in Scalar
               from beta in Scalar
               from seed in Generators.Seed
               from bl in blocking
               let s = Shrink(m, n, k, budget)
               select new GemmCase(s.M, s.N, s.K, ta, tb, padA, padB, padC, alpha, beta, seed, bl);
    }

    /// <summary>Halves the largest dimension until m·n·k fits the budget (keeps edge values on the others).</summary>
    static (int M, int N, int K) Shrink(int m, int n, int k, long budget)
    {
        while ((long)m * n * k > budget)
        {
            if (m >= n && m >= k) m /= 2;
            else if (n >= k) n /= 2;
            else k /= 2;
        }
        return (m, n, k);
    }

    static void CheckPath<T>(SimdPath path, int maxTest) where T : unmanaged, IFloatingPointIeee754<T> =>
        Prop.ForAll(Arb.From(Cases<T>(path)), g =>
            {
                string? error = GemmCheck.Run<T>(g, path);
                return error is null ? true.ToProperty() : false.ToProperty().Label(error);
            })
            .Check(Config.QuickThrowOnFailure.WithMaxTest(maxTest));

    static int MaxTest(SimdPath path) => Emulated(path) ? 80 : 250;

    [Theory]
    [MemberData(nameof(KernelPaths.Data), MemberType = typeof(KernelPaths))]
    public void Sgemm_matches_reference_on_edge_biased_shapes(SimdPath path) => CheckPath<float>(path, MaxTest(path));

    [Theory]
    [MemberData(nameof(KernelPaths.Data), MemberType = typeof(KernelPaths))]
    public void Dgemm_matches_reference_on_edge_biased_shapes(SimdPath path) => CheckPath<double>(path, MaxTest(path));

    public static TheoryData<SimdPath, Transpose, Transpose> PathsAndTransposes()
    {
        var data = new TheoryData<SimdPath, Transpose, Transpose>();
        foreach (SimdPath p in KernelPaths.All)
            foreach (Transpose ta in new[] { Transpose.No, Transpose.Yes })
                foreach (Transpose tb in new[] { Transpose.No, Transpose.Yes })
                    data.Add(p, ta, tb);
        return data;
    }

    /// <summary>The table's own blocks ±1 (KC, MC, NC), every transpose pair, on the real block sizes.</summary>
    [Theory]
    [MemberData(nameof(PathsAndTransposes))]
    public void Gemm_handles_table_block_edges(SimdPath path, Transpose ta, Transpose tb)
    {
        bool emulated = Emulated(path);
        foreach (bool isFloat in new[] { true, false })
        {
            GemmBlocking t = isFloat ? GemmBlockSizes.For<float>(path) : GemmBlockSizes.For<double>(path);
            var shapes = new List<(int M, int N, int K)>
            {
                (t.MR + 1, t.NR - 1, t.KC + 1), (t.MC + 1, t.NR + 1, 5), (3, t.NC + 1, 2), (t.MC - 1, 2 * t.NR + 1, t.KC - 1),
            };
            if (!emulated) shapes.Add((t.MC + 1, 2 * t.NR + 3, t.KC + 1));
            int seed = 1;
            foreach (var (m, n, k) in shapes)
            {
                var g = new GemmCase(m, n, k, ta, tb, 1, 2, 3, -1.5, 0.75, seed++);
                string? error = isFloat ? GemmCheck.Run<float>(g, path) : GemmCheck.Run<double>(g, path);
                Assert.True(error is null, error);
            }
        }
    }

    public static TheoryData<SimdPath> NativePaths => new(KernelPaths.All.Where(Isa.IsAccelerated));

    /// <summary>Threads split C by rows (tall) or columns (wide); results must be bit-identical to one thread.</summary>
    [Theory]
    [MemberData(nameof(NativePaths))]
    public void Gemm_results_do_not_depend_on_thread_count(SimdPath path)
    {
        foreach (var (m, n, k) in new[] { (301, 37, 300), (29, 403, 517), (200, 200, 40) })
        {
            var g = new GemmCase(m, n, k, Transpose.No, Transpose.Yes, 1, 0, 2, 1.0, 0.5, m);
            var (a, lda, b, ldb, c0, ldc) = GemmCheck.Operands<float>(g);
            float[] one = (float[])c0.Clone();
            Blas.Gemm(g.TransA, g.TransB, m, n, k, 1f, a, lda, b, ldb, 0.5f, one, ldc, path, GemmBlockSizes.For<float>(path), 1, 0);
            foreach (int threads in new[] { 2, 3, 5 })
            {
                float[] many = (float[])c0.Clone();
                Blas.Gemm(g.TransA, g.TransB, m, n, k, 1f, a, lda, b, ldb, 0.5f, many, ldc, path, GemmBlockSizes.For<float>(path), threads, 0);
                Assert.Equal(one, many);
            }
            Assert.Null(GemmCheck.Run<double>(g, path, threads: 2, threshold: 0));
        }
    }

    /// <summary>Large products, checked cheaply: C·t against alpha·op(A)·(op(B)·t) + beta·C0·t.</summary>
    [Theory]
    [InlineData(Transpose.No, Transpose.No, 700, 650, 600)]
    [InlineData(Transpose.Yes, Transpose.Yes, 517, 1031, 290)]
    [InlineData(Transpose.Yes, Transpose.No, 784, 256, 64)]
    [InlineData(Transpose.No, Transpose.Yes, 64, 784, 256)]
    public void Large_sgemm_passes_the_residual_check(Transpose ta, Transpose tb, int m, int n, int k)
    {
        var g = new GemmCase(m, n, k, ta, tb, 3, 1, 2, 0.75, -1.0, 42);
        var (a, lda, b, ldb, c0, ldc) = GemmCheck.Operands<float>(g);
        float[] c = (float[])c0.Clone();
        Blas.Gemm(ta, tb, m, n, k, 0.75f, a, lda, b, ldb, -1f, c, ldc);
        double[] t = Generators.Uniform<double>(n, 7);
        var bt = new double[k]; // op(B)·t and |op(B)|·|t|
        var bAbs = new double[k];
        for (int p = 0; p < k; p++)
            for (int j = 0; j < n; j++)
            {
                double v = GemmCheck.At(b, ldb, tb, p, j);
                bt[p] += v * t[j];
                bAbs[p] += Math.Abs(v * t[j]);
            }
        double u = Tolerance.UnitRoundoff<float>();
        for (int i = 0; i < m; i++)
        {
            double got = 0, want = 0, scale = 0;
            for (int j = 0; j < n; j++)
            {
                got += c[i * ldc + j] * t[j];
                want -= c0[i * ldc + j] * t[j];
                scale += Math.Abs(c0[i * ldc + j] * t[j]);
            }
            for (int p = 0; p < k; p++)
            {
                double v = GemmCheck.At(a, lda, ta, i, p);
                want += 0.75 * v * bt[p];
                scale += 0.75 * Math.Abs(v) * bAbs[p];
            }
            Assert.True(Math.Abs(got - want) <= (k + 3) * u * scale, $"row {i}: {got} vs {want} (scale {scale})");
        }
    }

    [Fact]
    public void Reference_computes_a_small_product_by_hand()
    {
        // [1 2; 3 4] · [5 6; 7 8] = [19 22; 43 50]; alpha = 2, beta = 1 on C = ones.
        float[] c = [1, 1, 1, 1];
        GemmReference.Gemm(Transpose.No, Transpose.No, 2, 2, 2, 2f, [1f, 2, 3, 4], 2, [5f, 6, 7, 8], 2, 1f, c, 2);
        Assert.Equal([39f, 45, 87, 101], c);
        // Aᵀ·Bᵀ with the same stored data: [1 3; 2 4] · [5 7; 6 8] = [23 31; 34 46].
        c = [0, 0, 0, 0];
        GemmReference.Gemm(Transpose.Yes, Transpose.Yes, 2, 2, 2, 1f, [1f, 2, 3, 4], 2, [5f, 6, 7, 8], 2, 0f, c, 2);
        Assert.Equal([23f, 31, 34, 46], c);
    }

    [Theory]
    [MemberData(nameof(KernelPaths.Data), MemberType = typeof(KernelPaths))]
    public void Empty_products_and_k_zero_follow_blas(SimdPath path)
    {
        float[] c = [1, 2, float.NaN, 4];
        Blas.Gemm(Transpose.No, Transpose.No, 2, 2, 0, 1f, [], 1, [], 2, 2f, c, 2, path);
        Assert.Equal([2f, 4, float.NaN, 8], c);
        Blas.Gemm(Transpose.No, Transpose.No, 2, 2, 0, 1f, [], 1, [], 2, 0f, c, 2, path);
        Assert.Equal([0f, 0, 0, 0], c);
        Blas.Gemm(Transpose.No, Transpose.No, 0, 0, 3, 1f, [], 3, [], 1, 0f, Span<float>.Empty, 1, path);
    }

    [Fact]
    public void Gemm_validates_arguments_naming_them()
    {
        float[] a = new float[6], b = new float[6], c = new float[4];
        void Call(Transpose ta, int m, int n, int k, int lda, int ldb, int ldc, int la = 6, int lb = 6, int lc = 4) =>
            Blas.Gemm(ta, Transpose.No, m, n, k, 1f, a.AsSpan(0, la), lda, b.AsSpan(0, lb), ldb, 0f, c.AsSpan(0, lc), ldc);
        Assert.Equal("m", Assert.Throws<ArgumentOutOfRangeException>(() => Call(Transpose.No, -1, 2, 3, 3, 2, 2)).ParamName);
        Assert.Equal("n", Assert.Throws<ArgumentOutOfRangeException>(() => Call(Transpose.No, 2, -1, 3, 3, 2, 2)).ParamName);
        Assert.Equal("k", Assert.Throws<ArgumentOutOfRangeException>(() => Call(Transpose.No, 2, 2, -3, 3, 2, 2)).ParamName);
        Assert.Equal("transA", Assert.Throws<ArgumentOutOfRangeException>(() => Call((Transpose)7, 2, 2, 3, 3, 2, 2)).ParamName);
        Assert.Equal("lda", Assert.Throws<ArgumentException>(() => Call(Transpose.No, 2, 2, 3, 2, 2, 2)).ParamName);
        Assert.Equal("lda", Assert.Throws<ArgumentException>(() => Call(Transpose.Yes, 2, 2, 3, 1, 2, 2)).ParamName);
        Assert.Equal("ldb", Assert.Throws<ArgumentException>(() => Call(Transpose.No, 2, 2, 3, 3, 1, 2)).ParamName);
        Assert.Equal("ldc", Assert.Throws<ArgumentException>(() => Call(Transpose.No, 2, 2, 3, 3, 2, 1)).ParamName);
        Assert.Equal("a", Assert.Throws<ArgumentException>(() => Call(Transpose.No, 2, 2, 3, 3, 2, 2, la: 5)).ParamName);
        Assert.Equal("b", Assert.Throws<ArgumentException>(() => Call(Transpose.No, 2, 2, 3, 3, 2, 2, lb: 5)).ParamName);
        Assert.Equal("c", Assert.Throws<ArgumentException>(() => Call(Transpose.No, 2, 2, 3, 3, 2, 2, lc: 3)).ParamName);
        // Spans only need to reach the last element: (rows - 1)·ld + cols.
        Call(Transpose.No, 2, 2, 2, 3, 2, 2, la: 5, lb: 4, lc: 4);
        Call(Transpose.Yes, 2, 2, 2, 3, 3, 2, la: 5, lb: 5, lc: 4);
        Assert.Throws<NotSupportedException>(() => Blas.Gemm<Half>(Transpose.No, Transpose.No, 1, 1, 1, (Half)1, [(Half)1], 1, [(Half)1], 1, (Half)0, new Half[1], 1));
        Assert.Equal("value", Assert.Throws<ArgumentOutOfRangeException>(() => Blas.MaxThreads = 0).ParamName);
    }

    [Theory]
    [MemberData(nameof(NativePaths))]
    public void Gemm_allocates_nothing_after_the_first_call(SimdPath path)
    {
        foreach (var (m, n, k, threads) in new[] { (16, 16, 16, 1), (200, 150, 300, 1), (200, 150, 300, 2) })
        {
            var g = new GemmCase(m, n, k, Transpose.No, Transpose.Yes, 0, 0, 0, 1, 0, 3);
            var (a, lda, b, ldb, c, ldc) = GemmCheck.Operands<float>(g);
            GemmBlocking bl = GemmBlockSizes.For<float>(path);
            // Warm both paths this thread can take: a parallel product falls back to running alone on the caller
            // when another test holds the workers (a loaded run), and the serial path's thread-local packing buffers
            // are larger. Warming only the parallel path made the first fallback allocate them (7,896 bytes, seen in CI).
            // On a dedicated thread: a blocked pool thread makes the pool allocate a replacement worker there (see DedicatedThread).
            long allocated = DedicatedThread.Run(() =>
            {
                Blas.Gemm(Transpose.No, Transpose.Yes, m, n, k, 1f, a, lda, b, ldb, 0f, c, ldc, path, bl, 1, 0);
                Blas.Gemm(Transpose.No, Transpose.Yes, m, n, k, 1f, a, lda, b, ldb, 0f, c, ldc, path, bl, threads, 0);
                return Allocation.Least(() =>
                {
                    long before = GC.GetAllocatedBytesForCurrentThread();
                    for (int r = 0; r < 3; r++)
                        Blas.Gemm(Transpose.No, Transpose.Yes, m, n, k, 1f, a, lda, b, ldb, 0f, c, ldc, path, bl, threads, 0);
                    return GC.GetAllocatedBytesForCurrentThread() - before;
                });
            });
            Assert.Equal(0, allocated);
        }
    }

    [Theory]
    [MemberData(nameof(KernelPaths.Data), MemberType = typeof(KernelPaths))]
    public void Block_size_table_matches_the_kernels(SimdPath path)
    {
        Check(GemmBlockSizes.For<float>(path), KernelTile<float>(path));
        Check(GemmBlockSizes.For<double>(path), KernelTile<double>(path));

        static void Check(GemmBlocking t, (int MR, int NR) kernel)
        {
            Assert.Equal(kernel, (t.MR, t.NR));
            Assert.Equal(0, t.MC % t.MR);
            Assert.Equal(0, t.NC % t.NR);
            Assert.True(t.KC > 0);
        }
    }

    // What each row of the path table must name: the kernels as the tests know them.
    static (int, int) KernelTile<T>(SimdPath path) where T : unmanaged, IFloatingPointIeee754<T> => path switch
    {
        SimdPath.Avx512 => (Avx512Kernel12x32<T>.MR, Avx512Kernel12x32<T>.NR),
        SimdPath.Avx2 => (Avx2Kernel6x16<T>.MR, Avx2Kernel6x16<T>.NR),
        SimdPath.Vector => (VectorKernel<T>.MR, VectorKernel<T>.NR),
        SimdPath.Scalar => (ReferenceKernel<T>.MR, ReferenceKernel<T>.NR),
        _ => throw new ArgumentOutOfRangeException(nameof(path), path, "A path the tests do not know: add its kernel here."),
    };

    [Fact]
    public void Public_gemm_runs_on_the_active_path_with_one_or_all_threads()
    {
        var g = new GemmCase(190, 170, 180, Transpose.Yes, Transpose.No, 0, 1, 0, 1, 0, 9);
        var (a, lda, b, ldb, c0, ldc) = GemmCheck.Operands<float>(g);
        float[] all = new float[c0.Length], one = new float[c0.Length];
        Blas.Gemm(Transpose.Yes, Transpose.No, 190, 170, 180, 1f, a, lda, b, ldb, 0f, all, ldc);
        int saved = Blas.MaxThreads;
        try
        {
            Blas.MaxThreads = 1;
            Blas.Gemm(Transpose.Yes, Transpose.No, 190, 170, 180, 1f, a, lda, b, ldb, 0f, one, ldc);
        }
        finally
        {
            Blas.MaxThreads = saved;
        }
        Assert.Equal(one, all);
        Assert.Null(GemmCheck.Run<float>(g, Isa.Active));
    }

    [Fact]
    public void Gemm_called_from_many_pool_threads_at_once_completes()
    {
        var g = new GemmCase(150, 150, 150, Transpose.No, Transpose.No, 0, 0, 0, 1, 0, 5);
        var (a, lda, b, ldb, c0, ldc) = GemmCheck.Operands<double>(g);
        double[] want = (double[])c0.Clone();
        Blas.Gemm(Transpose.No, Transpose.No, 150, 150, 150, 1.0, a, lda, b, ldb, 0.0, want, ldc);
        Parallel.For(0, 16, _ =>
        {
            double[] c = (double[])c0.Clone();
            Blas.Gemm(Transpose.No, Transpose.No, 150, 150, 150, 1.0, a, lda, b, ldb, 0.0, c, ldc, Isa.Active,
                GemmBlockSizes.For<double>(Isa.Active), 2, 0);
            Assert.Equal(want, c);
        });
    }
}
