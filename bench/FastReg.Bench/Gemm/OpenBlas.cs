using System.Runtime.InteropServices;

namespace FastReg.Bench.Gemm;

/// <summary>
/// OpenBLAS's cblas_sgemm/cblas_dgemm through P/Invoke function pointers, loaded with
/// NativeLibrary.TryLoad so benchmarks skip it (with a note) where Debian's libopenblas is absent.
/// Its kernel choice is fixed at load: run the benchmark process with OPENBLAS_CORETYPE and
/// OPENBLAS_L2_SIZE unset (env -u ...) so it detects this CPU itself.
/// </summary>
public static unsafe class OpenBlas
{
    const int RowMajor = 101, NoTrans = 111, Trans = 112;

    static readonly delegate* unmanaged<int, int, int, int, int, int, float, float*, int, float*, int, float, float*, int, void> s_sgemm;
    static readonly delegate* unmanaged<int, int, int, int, int, int, double, double*, int, double*, int, double, double*, int, void> s_dgemm;
    static readonly delegate* unmanaged<int, void> s_setThreads;
    static readonly delegate* unmanaged<byte*> s_config;

    /// <summary>Why OpenBLAS is unavailable, or null when it loaded.</summary>
    public static string? Missing { get; }

    static OpenBlas()
    {
        string[] names = ["libopenblas.so.0", "libopenblas.so", "/usr/lib/x86_64-linux-gnu/libopenblas.so.0", "libopenblas"];
        foreach (string name in names)
        {
            if (!NativeLibrary.TryLoad(name, out nint lib)) continue;
            if (NativeLibrary.TryGetExport(lib, "cblas_sgemm", out nint s) && NativeLibrary.TryGetExport(lib, "cblas_dgemm", out nint d))
            {
                s_sgemm = (delegate* unmanaged<int, int, int, int, int, int, float, float*, int, float*, int, float, float*, int, void>)s;
                s_dgemm = (delegate* unmanaged<int, int, int, int, int, int, double, double*, int, double*, int, double, double*, int, void>)d;
                if (NativeLibrary.TryGetExport(lib, "openblas_set_num_threads", out nint t)) s_setThreads = (delegate* unmanaged<int, void>)t;
                if (NativeLibrary.TryGetExport(lib, "openblas_get_config", out nint cfg)) s_config = (delegate* unmanaged<byte*>)cfg;
                return;
            }
        }
        Missing = "libopenblas.so.0 not found (apt-get install libopenblas0-pthread); OpenBLAS columns skipped";
    }

    public static bool Available => Missing is null;

    /// <summary>OpenBLAS's build/kernel description (openblas_get_config), e.g. "OpenBLAS 0.3.21 DYNAMIC_ARCH ... Zen".</summary>
    public static string Config => s_config == null ? "?" : Marshal.PtrToStringUTF8((nint)s_config()) ?? "?";

    /// <summary>Sets OpenBLAS's thread count (same effect as OPENBLAS_NUM_THREADS at start-up).</summary>
    public static void SetThreads(int threads)
    {
        if (s_setThreads != null) s_setThreads(threads);
    }

    public static void Sgemm(bool transA, bool transB, int m, int n, int k, float alpha, float[] a, int lda, float[] b, int ldb, float beta, float[] c, int ldc)
    {
        fixed (float* pa = a, pb = b, pc = c)
            s_sgemm(RowMajor, transA ? Trans : NoTrans, transB ? Trans : NoTrans, m, n, k, alpha, pa, lda, pb, ldb, beta, pc, ldc);
    }

    public static void Dgemm(bool transA, bool transB, int m, int n, int k, double alpha, double[] a, int lda, double[] b, int ldb, double beta, double[] c, int ldc)
    {
        fixed (double* pa = a, pb = b, pc = c)
            s_dgemm(RowMajor, transA ? Trans : NoTrans, transB ? Trans : NoTrans, m, n, k, alpha, pa, lda, pb, ldb, beta, pc, ldc);
    }
}
