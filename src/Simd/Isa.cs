using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace FastReg.Simd;

/// <summary>
/// Chooses the kernel path at run time. The default is the widest path the CPU accelerates;
/// the environment variable <c>FASTREG_ISA</c> (<c>scalar</c>, <c>vector</c>, <c>avx2</c>, <c>avx512</c>)
/// or the <see cref="Active"/> setter forces one. The paths, their detection and their kernels are
/// the rows of one table (<see cref="Paths"/>, src/Simd/Paths/PathTable.cs).
/// </summary>
public static class Isa
{
    /// <summary>Name of the environment variable that forces a path at start-up.</summary>
    public const string EnvironmentVariable = "FASTREG_ISA";

    private static SimdPath s_active;

    // A bad FASTREG_ISA is reported at the first kernel call as an InvalidOperationException naming
    // the variable (not a TypeInitializationException), and setting Active from code clears it.
    private static string? s_environmentError;

    static Isa()
    {
        try
        {
            s_active = FromEnvironment(Environment.GetEnvironmentVariable(EnvironmentVariable));
        }
        catch (InvalidOperationException e)
        {
            s_active = Best;
            s_environmentError = e.Message;
        }
    }

    /// <summary>The widest path this CPU accelerates.</summary>
    public static SimdPath Best
    {
        get
        {
            ReadOnlySpan<PathRow> rows = PathTable.Rows;
            for (int i = rows.Length - 1; i > 0; i--)
                if (rows[i].IsAccelerated) return rows[i].Path;
            return rows[0].Path;
        }
    }

    /// <summary>
    /// The path every public kernel uses. Setting it forces a path for the whole process;
    /// a path this CPU does not accelerate is refused with <see cref="ArgumentException"/>.
    /// </summary>
    public static SimdPath Active
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get
        {
            if (s_environmentError is not null) ThrowEnvironmentError();
            return s_active;
        }
        set
        {
            if (!IsAccelerated(value))
                throw new ArgumentException($"The {value} path is not accelerated on this CPU (supported: {string.Join(", ", AcceleratedPaths)}).", nameof(value));
            s_active = value;
            s_environmentError = null;
        }
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void ThrowEnvironmentError() => throw new InvalidOperationException(s_environmentError);

    /// <summary>Whether the hardware (and runtime settings such as <c>DOTNET_EnableAVX512</c>) accelerates a path.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="path"/> is not a defined <see cref="SimdPath"/>.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsAccelerated(SimdPath path) => PathTable.Row(path).IsAccelerated;

    /// <summary>Every path this CPU accelerates, plainest first.</summary>
    public static IReadOnlyList<SimdPath> AcceleratedPaths
    {
        get
        {
            var paths = new List<SimdPath>(PathTable.Rows.Length);
            foreach (PathRow row in PathTable.Rows)
                if (row.IsAccelerated) paths.Add(row.Path);
            return paths;
        }
    }

    /// <summary>Every kernel path, plainest first, as the path table describes it (accelerated here or not).</summary>
    public static IReadOnlyList<KernelPathInfo> Paths
    {
        get
        {
            var paths = new List<KernelPathInfo>(PathTable.Rows.Length);
            foreach (PathRow row in PathTable.Rows) paths.Add(PathTable.Describe(row));
            return paths;
        }
    }

    /// <summary>One kernel path as the path table describes it: kernels, block sizes, vector width, detection.</summary>
    /// <param name="path">Any defined path; one this CPU does not accelerate is described all the same.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="path"/> is not a defined <see cref="SimdPath"/>.</exception>
    public static KernelPathInfo PathInfo(SimdPath path) => PathTable.Describe(PathTable.Row(path));

    /// <summary>
    /// Whether the kernels fuse multiply-adds (one rounding). False where the CPU has no FMA
    /// instruction (x86 without FMA3, <c>DOTNET_EnableAVX2=0</c>, a NativeAOT build for the default
    /// x86-64 target): .NET would emulate a fused multiply-add in software, 35-40x slower, so the
    /// kernels multiply and add separately instead (two roundings).
    /// </summary>
    public static bool FusedMultiplyAdd => VectorMath.FusedMultiplyAddIsHardware;

    /// <summary>
    /// Null when the kernels run at this CPU's full speed; otherwise why they run slower than on a
    /// CPU of the same width with FMA (e.g. "no hardware FMA ...").
    /// </summary>
    public static string? Degradation
    {
        get
        {
            if (!FusedMultiplyAdd)
                return "no hardware FMA: kernels multiply and add separately (two roundings, about half the multiply-add rate)";
            if (X86Base.IsSupported && !Avx2.IsSupported)
                return $"no AVX2: Vector<T> is {Vector<byte>.Count * 8}-bit and the Avx2/Avx512 paths are unavailable";
            return null;
        }
    }

    /// <summary>A one-line description: active path, Vector&lt;T&gt; width, what the CPU offers and whether the kernels are degraded.</summary>
    public static string Describe() =>
        $"active={(s_environmentError is null ? s_active.ToString() : "invalid " + EnvironmentVariable)} best={Best} vector<T>={Vector<byte>.Count * 8}-bit " +
        $"avx512f={Avx512F.IsSupported} avx2={Avx2.IsSupported} fma={Fma.IsSupported} " +
        $"vector512-accelerated={Vector512.IsHardwareAccelerated} multiply-add={(FusedMultiplyAdd ? "fused" : "separate")}" +
        (Degradation is { } why ? $" DEGRADED ({why})" : "");

    internal static SimdPath FromEnvironment(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return Best;
        string name = value.Trim().ToLowerInvariant();
        SimdPath? found = null;
        var names = new List<string>(PathTable.Rows.Length);
        foreach (PathRow row in PathTable.Rows)
        {
            names.Add(row.Name);
            if (row.Name == name) found = row.Path;
        }
        SimdPath requested = found ?? throw new InvalidOperationException(
            $"{EnvironmentVariable}='{value}' is not a kernel path; use {string.Join(", ", names[..^1])} or {names[^1]}.");
        if (!IsAccelerated(requested))
            throw new InvalidOperationException(
                $"{EnvironmentVariable}={value} asks for a path this CPU does not accelerate (supported: {string.Join(", ", AcceleratedPaths)}).");
        return requested;
    }
}
