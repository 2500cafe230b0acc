using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace FastReg.Nn;

/// <summary>
/// Detects two threads inside one single-owner object (a model, a session, a trainer) at once.
/// <see cref="Enter"/> is one uncontended compare-exchange and <see cref="Exit"/> one store, so
/// the check costs nanoseconds against a step of microseconds and allocates nothing. It catches
/// overlapping calls, not every unsynchronised use: calls that merely alternate between threads
/// (with the caller's own synchronisation) are fine and pass.
/// </summary>
internal struct SingleOwnerGuard
{
    private int _busy; // 1 while a guarded call runs

    /// <summary>Marks the owner busy, or throws <see cref="InvalidOperationException"/> with <paramref name="message"/> if another call is inside.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Enter(string message)
    {
        if (Interlocked.CompareExchange(ref _busy, 1, 0) != 0) ThrowBusy(message);
    }

    /// <summary>Marks the owner free; only the thread that entered calls it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Exit() => Volatile.Write(ref _busy, 0);

    [DoesNotReturn]
    private static void ThrowBusy(string message) => throw new InvalidOperationException(message);
}
