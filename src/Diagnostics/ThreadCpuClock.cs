using System.Diagnostics;
using System.Runtime.InteropServices;

namespace FastReg.Diagnostics;

/// <summary>
/// CPU time consumed by the calling thread (clock_gettime(CLOCK_THREAD_CPUTIME_ID) on Linux).
/// On a shared machine, one-thread timings in CPU time leave out the time the thread waited for a
/// core, which wall-clock timings cannot. Falls back to wall-clock where unavailable.
/// </summary>
internal static unsafe class ThreadCpuClock
{
    const int ClockThreadCpuTimeId = 3;
    static readonly delegate* unmanaged<int, long*, int> s_clockGetTime;

    static ThreadCpuClock()
    {
        if (OperatingSystem.IsLinux() && NativeLibrary.TryLoad("libc.so.6", out nint libc) &&
            NativeLibrary.TryGetExport(libc, "clock_gettime", out nint f))
            s_clockGetTime = (delegate* unmanaged<int, long*, int>)f;
    }

    /// <summary>Whether <see cref="Seconds"/> is thread CPU time (false: wall-clock).</summary>
    public static bool Available => s_clockGetTime != null;

    /// <summary>Seconds of CPU time this thread has used (or wall-clock seconds where unavailable).</summary>
    public static double Seconds()
    {
        if (s_clockGetTime == null) return Stopwatch.GetTimestamp() / (double)Stopwatch.Frequency;
        long* ts = stackalloc long[2];
        s_clockGetTime(ClockThreadCpuTimeId, ts);
        return ts[0] + ts[1] * 1e-9;
    }
}
