using System.Runtime.InteropServices;
using FastReg.IO;

namespace FastReg.Cli;

/// <summary>
/// Ctrl-C (SIGINT) and SIGTERM: the temporary file of any save in progress is deleted (a rename already under
/// way completes, so no output is torn), the terminal's cursor is shown again if a progress display hid it,
/// a <see cref="ProgressLine"/> on stderr is erased, one line goes to stderr, and the process exits with 128 + the signal's number, as a shell expects.
/// </summary>
internal static class Interruption
{
    /// <summary>Installs the handlers for the process's lifetime; returns them so they stay registered.</summary>
    public static PosixSignalRegistration[] Install(bool terminal) =>
    [
        PosixSignalRegistration.Create(PosixSignal.SIGINT, c => Handle(c, "SIGINT", 2, terminal)),
        PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => Handle(c, "SIGTERM", 15, terminal)),
    ];

    private static void Handle(PosixSignalContext context, string name, int number, bool terminal)
    {
        context.Cancel = true; // the process ends here, after the clean-up, not in the runtime's default handler
        int deleted = AtomicFile.AbandonPendingWrites();
        try
        {
            if (terminal) Console.Out.Write("\u001b[?25h\u001b[0m\n"); // cursor on, attributes off, off the progress line
            Console.Out.Flush();
        }
        catch (IOException)
        {
        }
        try
        {
            ProgressLine.EraseActive(); // a sweep's progress line on stderr: the message below starts a clean line
        }
        catch (IOException)
        {
        }
        string saves = deleted == 0 ? "no file was left half-written" : $"{deleted} unfinished save{(deleted == 1 ? " was" : "s were")} discarded, the old files are intact";
        try
        {
            Console.Error.WriteLine($"fastreg: interrupted by {name}; {saves}.");
        }
        catch (IOException)
        {
        }
        Environment.Exit(128 + number);
    }
}
