using System.Numerics;
using FastReg.Simd;
using FastReg.Tests.Support;

namespace FastReg.Tests.Simd;

/// <summary>
/// Blas.Gemm called from many threads at once: the worker set serves one product at a time and a
/// caller that finds it busy runs on its own thread, so nothing deadlocks and every result equals
/// the serial one bit for bit (the split of C never changes the order of the sums).
/// </summary>
public class GemmConcurrencyTests
{
    private sealed record Product<T>(int M, int N, int K, Transpose TransA, Transpose TransB, T[] A, T[] B, T[] Expected)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        public T[] Run()
        {
            var c = new T[M * N];
            Blas.Gemm(TransA, TransB, M, N, K, T.One, A, TransA == Transpose.No ? K : M, B, TransB == Transpose.No ? N : K, T.Zero, c, N);
            return c;
        }
    }

    // Small ones stay on the caller; 130³ and up (≥ 2·128³ flops) ask for the workers.
    private static readonly (int M, int N, int K)[] Shapes =
        [(1, 7, 5), (8, 8, 8), (33, 17, 29), (64, 64, 64), (130, 130, 130), (200, 150, 300), (256, 96, 512), (97, 300, 180)];

    private static Product<T>[] Products<T>() where T : unmanaged, IFloatingPointIeee754<T>
    {
        var products = new Product<T>[Shapes.Length];
        for (int i = 0; i < Shapes.Length; i++)
        {
            var (m, n, k) = Shapes[i];
            var (ta, tb) = ((Transpose)(i % 2), (Transpose)(i / 2 % 2));
            var p = new Product<T>(m, n, k, ta, tb, Generators.Uniform<T>(m * k, 10 + i), Generators.Uniform<T>(k * n, 20 + i), []);
            products[i] = p with { Expected = p.Run() }; // serial: nothing else is running yet
        }
        return products;
    }

    [Fact]
    public void Thirty_two_concurrent_callers_get_the_serial_results_bit_for_bit()
    {
        Product<float>[] floats = Products<float>();
        Product<double>[] doubles = Products<double>();
        Concurrently.Run(32, id =>
        {
            for (int round = 0; round < 6; round++)
            {
                int i = (id + round) % Shapes.Length;
                if ((id + round) % 2 == 0) Assert.Equal(floats[i].Expected, floats[i].Run());
                else Assert.Equal(doubles[i].Expected, doubles[i].Run());
            }
        });
    }

    [Fact]
    public void Nested_parallel_loops_of_products_on_the_thread_pool_finish_with_serial_results()
    {
        Product<float>[] products = Products<float>();
        // Parallel.For inside Parallel.For: pool threads block in products while more queue behind them.
        Concurrently.WithTimeout(() =>
            Parallel.For(0, 8, outer =>
                Parallel.For(0, 8, inner =>
                {
                    Product<float> p = products[(outer + inner) % products.Length];
                    Assert.Equal(p.Expected, p.Run());
                })));
    }
}
