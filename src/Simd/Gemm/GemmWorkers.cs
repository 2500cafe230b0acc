using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;

namespace FastReg.Simd.Gemm;

/// <summary>One part of a parallel GEMM; parts write disjoint blocks of C.</summary>
internal abstract class GemmJob
{
    public abstract void Execute(int part, int parts);
}

/// <summary>
/// A small set of dedicated GEMM worker threads (not the thread pool, so a GEMM called from a
/// pool thread can never wait on a starved pool). One parallel region runs at a time: a caller
/// that finds the workers busy runs its product on its own thread instead of waiting, so nothing
/// can deadlock and the result is the same either way. The calling thread always runs part 0.
/// Signalling uses spinning events, so back-to-back products do not pay a kernel round trip.
/// </summary>
internal static class GemmWorkers
{
    static readonly Lock s_gate = new();
    static Worker[] s_workers = [];

    /// <summary>Takes the workers if no other region holds them.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryEnter() => s_gate.TryEnter();

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Exit() => s_gate.Exit();

    /// <summary>Runs parts 1..parts-1 on workers and part 0 here; returns when all are done. Requires <see cref="TryEnter"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(GemmJob job, int parts)
    {
        if (s_workers.Length < parts - 1) Grow(parts - 1);
        Worker[] workers = s_workers;
        for (int w = 1; w < parts; w++) workers[w - 1].Start(job, w, parts);
        Exception? error = null;
        try
        {
            job.Execute(0, parts);
        }
        catch (Exception e)
        {
            error = e;
        }
        for (int w = 1; w < parts; w++) error ??= workers[w - 1].Join();
        if (error is not null) ExceptionDispatchInfo.Throw(error);
    }

    static void Grow(int count)
    {
        var workers = new Worker[count];
        s_workers.CopyTo(workers, 0);
        for (int i = s_workers.Length; i < count; i++) workers[i] = new Worker(i + 1);
        s_workers = workers;
    }

    // The workers live as long as the process; their events are never disposed.
#pragma warning disable CA1001
    sealed class Worker
#pragma warning restore CA1001
    {
        // Spin briefly before blocking: a training loop issues products back to back, but a long
        // spin (2000) burned measurable CPU time on a shared machine for no gain.
        const int SpinCount = 100;
        readonly ManualResetEventSlim _go = new(false, SpinCount);
        readonly ManualResetEventSlim _done = new(false, SpinCount);
        GemmJob? _job;
        int _part, _parts;
        Exception? _error;

        public Worker(int id)
        {
            // ManualResetEventSlim allocates its lock object on the first wait that really blocks;
            // block once here so no later product allocates (24 bytes, seen on a loaded machine).
            _done.Wait(1);
            var thread = new Thread(Loop) { IsBackground = true, Name = $"FastReg GEMM worker {id}" };
            thread.Start();
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Start(GemmJob job, int part, int parts)
        {
            _job = job;
            _part = part;
            _parts = parts;
            _error = null;
            _done.Reset();
            _go.Set();
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public Exception? Join()
        {
            _done.Wait();
            return _error;
        }

        void Loop()
        {
            while (true)
            {
                _go.Wait();
                _go.Reset();
                try
                {
                    _job!.Execute(_part, _parts);
                }
#pragma warning disable CA1031 // handed to the caller and rethrown there
                catch (Exception e)
#pragma warning restore CA1031
                {
                    _error = e;
                }
                _job = null;
                _done.Set();
            }
        }
    }
}
