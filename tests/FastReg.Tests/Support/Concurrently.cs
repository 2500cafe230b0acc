namespace FastReg.Tests.Support;

/// <summary>Runs work on many pool threads at once and fails, rather than hangs, if it does not finish in time.</summary>
internal static class Concurrently
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <summary>Starts <paramref name="count"/> tasks released together by a barrier; rethrows the first failure.</summary>
    public static void Run(int count, Action<int> body)
    {
        using var start = new Barrier(count);
        var tasks = new Task[count];
        for (int i = 0; i < count; i++)
        {
            int id = i;
            // LongRunning: a dedicated thread each, so all callers really overlap even on a 2-core pool.
            tasks[i] = Task.Factory.StartNew(() =>
            {
                start.SignalAndWait(Timeout);
                body(id);
            }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }
        bool finished;
        try
        {
            finished = Task.WaitAll(tasks, Timeout);
        }
        catch (AggregateException e)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
            throw;
        }
        if (!finished) Assert.Fail($"{count} concurrent callers did not finish within {Timeout.TotalSeconds} s (deadlock?).");
    }

    /// <summary>Runs <paramref name="body"/> on the thread pool and fails if it does not return in time.</summary>
    public static void WithTimeout(Action body)
    {
        Task task = Task.Run(body);
        bool finished;
        try
        {
            finished = task.Wait(Timeout);
        }
        catch (AggregateException e)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
            throw;
        }
        if (!finished) Assert.Fail($"The work did not finish within {Timeout.TotalSeconds} s (deadlock?).");
    }
}
