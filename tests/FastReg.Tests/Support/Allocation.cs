namespace FastReg.Tests.Support;

/// <summary>
/// Zero-allocation checks that a loaded machine cannot break. On a loaded run a measured window occasionally shows
/// about 8 KB that the code under test did not allocate (seen in GEMM, training and augmentation tests alike; the
/// likely source is the runtime's own one-time work, tiering or type loading, landing in the window). A real
/// allocation per call shows in every window, a one-time event in one, so the least of a few windows is the
/// measure: it is 0 exactly when the code allocates nothing per call.
/// </summary>
internal static class Allocation
{
    /// <summary>The least of up to <paramref name="windows"/> measurements; stops at the first 0.</summary>
    public static long Least(Func<long> measure, int windows = 5)
    {
        long least = long.MaxValue;
        for (int i = 0; i < windows && least > 0; i++) least = Math.Min(least, measure());
        return least;
    }
}
