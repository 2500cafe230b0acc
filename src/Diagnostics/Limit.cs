namespace FastReg.Diagnostics;

/// <summary>One measured limit of this machine, for one thread and for all threads.</summary>
/// <param name="Key">Stable key (see the constants of <see cref="MachineLimits"/>), e.g. <c>triad-dram</c>.</param>
/// <param name="Description">What was measured, for people.</param>
/// <param name="Unit"><c>GFLOPS</c> or <c>GB/s</c>.</param>
/// <param name="OneThread">The limit of one thread.</param>
/// <param name="AllThreads">The limit of all <see cref="Environment.ProcessorCount"/> threads together.</param>
public sealed record Limit(string Key, string Description, string Unit, double OneThread, double AllThreads);
