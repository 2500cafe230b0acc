namespace FastReg.Simd;

/// <summary>A path's matrix-vector kernel.</summary>
/// <param name="Kernel">The kernel, e.g. <c>GemvKernels.Avx2</c>.</param>
/// <param name="Detail">How it works, for people.</param>
/// <param name="ShortRowsOn">The path whose kernel runs rows shorter than <paramref name="ShortRowsBelow"/> instead (where accelerated), or null.</param>
/// <param name="ShortRowsBelow">Row length below which <paramref name="ShortRowsOn"/> takes over (0 when it is null).</param>
public sealed record GemvKernelInfo(string Kernel, string Detail, SimdPath? ShortRowsOn, int ShortRowsBelow);
