using System.Runtime.ExceptionServices;

namespace FastReg.Tests.Support;

/// <summary>
/// Runs an allocation measurement on a thread of its own. xunit runs tests on thread-pool threads, and a pool thread
/// that blocks (a GEMM waiting for its workers on a loaded machine, where spinning gives up) may have the pool do its
/// own bookkeeping on it, which <see cref="GC.GetAllocatedBytesForCurrentThread"/> would charge to the code under
/// test. A dedicated thread is not a pool thread. (This alone did not remove the loaded-machine 8 KB windows; see
/// <see cref="Allocation"/>.)
/// </summary>
internal static class DedicatedThread
{
    public static T Run<T>(Func<T> body)
    {
        T result = default!;
        Exception? error = null;
        var thread = new Thread(() =>
        {
            try
            {
                result = body();
            }
#pragma warning disable CA1031 // rethrown on the test's thread
            catch (Exception e)
#pragma warning restore CA1031
            {
                error = e;
            }
        });
        thread.Start();
        thread.Join();
        if (error is not null) ExceptionDispatchInfo.Capture(error).Throw();
        return result;
    }
}
