using System.Diagnostics;
using System.Globalization;

namespace FastReg.Cli;

/// <summary>
/// One line of progress on standard error, redrawn in place (carriage return, erase line), for commands whose
/// work is many independent fits that print nothing until they end (sweep, bias-variance). Only where standard
/// error is a terminal (<see cref="CliConsole.ErrorInteractive"/>): a redirected or piped stderr, and so a log
/// or a test, gets no byte of it, and standard output (a table or --json) is never touched. The line is erased
/// when the work ends, and by <see cref="Interruption"/> on Ctrl-C before its message.
/// </summary>
internal sealed class ProgressLine : IDisposable
{
    private const string Erase = "\r\u001b[2K";
    private static ProgressLine? s_active;
    private readonly TextWriter _error;
    private readonly string _what;
    private readonly long _start = Stopwatch.GetTimestamp();
    private readonly Lock _gate = new();
    private bool _ended;
    private int _mostDone;

    private ProgressLine(TextWriter error, string what)
    {
        _error = error;
        _what = what;
    }

    /// <summary>A progress line for <paramref name="what"/> where stderr is a terminal; null (nothing shown) elsewhere.</summary>
    public static ProgressLine? Start(CliConsole console, string what)
    {
        if (!console.ErrorInteractive) return null;
        var line = new ProgressLine(console.Error, what);
        s_active = line;
        line.Show("starting");
        return line;
    }

    /// <summary><paramref name="done"/> of <paramref name="total"/> fits, with the time taken and an estimate of the time left; safe from any thread.</summary>
    public void Report(int done, int total)
    {
        double elapsed = Stopwatch.GetElapsedTime(_start).TotalSeconds;
        string left = done > 0 && done < total ? string.Create(CultureInfo.InvariantCulture, $", about {elapsed / done * (total - done):F0} s left") : "";
        Write(string.Create(CultureInfo.InvariantCulture, $"{done}/{total} fits, {elapsed:F0} s{left}"), done);
    }

    /// <summary>Replaces the line's state with <paramref name="state"/>.</summary>
    public void Show(string state) => Write(state, int.MaxValue);

    private void Write(string state, int done)
    {
        lock (_gate)
        {
            // Parallel fits report their counts in any order: the line never steps back to a smaller one.
            if (_ended || done < _mostDone) return;
            _mostDone = done == int.MaxValue ? _mostDone : done;
            _error.Write($"{Erase}{_what}: {state}");
            _error.Flush();
        }
    }

    /// <summary>Erases the line: the output that follows starts on a clean one.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_ended) return;
            _ended = true;
            _error.Write(Erase);
            _error.Flush();
        }
        Interlocked.CompareExchange(ref s_active, null, this);
    }

    /// <summary>Erases the line shown now, if any (the interrupt handler, before its message).</summary>
    public static void EraseActive() => s_active?.Dispose();
}
