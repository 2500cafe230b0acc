using System.Diagnostics;
using FastReg.IO;
using FsCheck;
using FsCheck.Fluent;

namespace FastReg.Tests.IO.Fuzzing;

/// <summary>
/// Runs a reader over generated inputs as an FsCheck property. A case passes when the reader returns a
/// self-consistent result or throws <see cref="DataFormatException"/>, within <see cref="CaseSeconds"/>, having
/// allocated no more than a fixed multiple of the input length plus 1 MiB. A watchdog thread fails the test with the
/// input that hangs. Every failure message carries the input (base64 or a saved file) and FsCheck's replay seed.
/// </summary>
internal static class FuzzHarness
{
    /// <summary>Cases per format: FASTREG_FUZZ_CASES, or a CI-sized default.</summary>
    public static int Cases => int.TryParse(Environment.GetEnvironmentVariable("FASTREG_FUZZ_CASES"), out int n) && n > 0 ? n : 3000;

    /// <summary>The slowest a single case may be: FASTREG_FUZZ_CASE_SECONDS, default 10.</summary>
    public static double CaseSeconds =>
        double.TryParse(Environment.GetEnvironmentVariable("FASTREG_FUZZ_CASE_SECONDS"), System.Globalization.CultureInfo.InvariantCulture, out double s) && s > 0 ? s : 10;

    /// <summary>Slack on top of the per-byte allocation allowance: buffers, JIT-time statics, the JSON document's pooled arrays.</summary>
    public const long AllocationSlack = 1 << 20;

    /// <summary>
    /// Checks <paramref name="read"/> (which reads and validates the result, throwing on an inconsistency) over
    /// <see cref="Cases"/> inputs from <paramref name="inputs"/>, allowing <paramref name="bytesPerInputByte"/> × length + 1 MiB of allocation.
    /// </summary>
    public static FuzzReport Run(string format, Gen<FuzzInput> inputs, Action<Stream> read, long bytesPerInputByte)
    {
        var report = new FuzzReport(format);
        var current = new CurrentCase();
        Exception? failure = null;
        var worker = new Thread(() =>
        {
            try
            {
                Prop.ForAll(Arb.From(inputs), input => Case(input, read, bytesPerInputByte, report, current))
                    .Check(Config.QuickThrowOnFailure.WithMaxTest(Cases).WithQuietOnSuccess(true));
            }
            catch (Exception e)
            {
                failure = e;
            }
        }) { IsBackground = true, Name = $"fuzz {format}" }; // background: a hung reader must not keep the test host alive

        var total = Stopwatch.StartNew();
        worker.Start();
        // The watchdog: a reader stuck in a loop never returns to the property, so time it from outside.
        while (!worker.Join(250))
        {
            (FuzzInput? input, long started) = current.Read();
            if (input is not null && Stopwatch.GetElapsedTime(started).TotalSeconds > 3 * CaseSeconds)
                throw new TimeoutException($"{format} reader hangs (> {3 * CaseSeconds} s) on: {input}");
        }
        report.Elapsed = total.Elapsed;
        if (failure is not null) throw new FuzzFailureException($"{format} fuzzing failed after {report.Cases} cases", failure);
        return report;
    }

    private static bool Case(FuzzInput input, Action<Stream> read, long bytesPerInputByte, FuzzReport report, CurrentCase current)
    {
        using Stream stream = input.NonSeekable ? new NonSeekableStream(input.Bytes) : new MemoryStream(input.Bytes, writable: false);
        current.Set(input);
        long before = GC.GetAllocatedBytesForCurrentThread();
        long started = Stopwatch.GetTimestamp();
        DataFormatException? rejected = null;
        try
        {
            read(stream);
        }
        catch (DataFormatException e)
        {
            rejected = e;
        }
        catch (Exception e)
        {
            throw new FuzzFailureException($"unexpected {e.GetType().Name}: {e.Message}\n  input: {input}", e);
        }
        finally
        {
            current.Set(null);
        }
        double seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        long allowed = bytesPerInputByte * input.Bytes.Length + AllocationSlack;
        if (allocated > allowed)
            throw new FuzzFailureException($"allocated {allocated:N0} bytes for a {input.Bytes.Length}-byte input (allowed {allowed:N0})\n  input: {input}");
        if (seconds > CaseSeconds)
            throw new FuzzFailureException($"took {seconds:F1} s (limit {CaseSeconds} s)\n  input: {input}");
        report.Record(rejected, input.Bytes.Length, allocated, seconds);
        return true;
    }

    /// <summary>The case the worker is reading now, for the watchdog.</summary>
    private sealed class CurrentCase
    {
        private readonly Lock _lock = new();
        private FuzzInput? _input;
        private long _started;

        public void Set(FuzzInput? input)
        {
            lock (_lock) (_input, _started) = (input, Stopwatch.GetTimestamp());
        }

        public (FuzzInput? Input, long Started) Read()
        {
            lock (_lock) return (_input, _started);
        }
    }
}
