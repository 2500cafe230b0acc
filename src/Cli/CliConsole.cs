using Spectre.Console;

namespace FastReg.Cli;

/// <summary>
/// Where a command writes: plain text to <see cref="Out"/> and <see cref="Error"/>, tables and progress
/// through <see cref="Ansi"/>. Tests build one over string writers; the program over the terminal.
/// </summary>
internal sealed class CliConsole
{
    private CliConsole(TextWriter output, TextWriter error, IAnsiConsole ansi, bool interactive)
    {
        Out = output;
        Error = error;
        Ansi = ansi;
        Interactive = interactive;
    }

    /// <summary>Standard output.</summary>
    public TextWriter Out { get; }

    /// <summary>Standard error: error lines only.</summary>
    public TextWriter Error { get; }

    /// <summary>Spectre console over <see cref="Out"/>.</summary>
    public IAnsiConsole Ansi { get; }

    /// <summary>Whether live progress bars may be drawn (a terminal, not a pipe or a test).</summary>
    public bool Interactive { get; }

    /// <summary>Whether standard error is a terminal (not redirected, no CI variable): where <see cref="ProgressLine"/> draws.</summary>
    public bool ErrorInteractive { get; private init; }

    /// <summary>
    /// Writes a line of prose broken at spaces to the console's width (continuation lines indented two
    /// spaces), so that the terminal never splits a number; a word longer than the width (a path) stays whole.
    /// </summary>
    public void WriteWrapped(string text)
    {
        int width = Math.Max(Ansi.Profile.Width, 20);
        int start = 0;
        string indent = "";
        while (text.Length - start + indent.Length > width)
        {
            int limit = start + width - indent.Length;
            int cut = text.LastIndexOf(' ', limit, limit - start);
            if (cut <= start) cut = text.IndexOf(' ', limit);
            if (cut < 0) break;
            Out.WriteLine(indent + text[start..cut]);
            start = cut + 1;
            indent = "  ";
        }
        Out.WriteLine(indent + text[start..]);
    }

    /// <summary>The process's own console.</summary>
    public static CliConsole FromSystemConsole()
    {
        bool interactive = !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("CI") is null;
        // Before Spectre reads Console.Out, so that it keeps recognising the terminal and its errors say "stdout".
        if (Console.Out is not NamedStreamWriter) Console.SetOut(new NamedStreamWriter(Console.Out, "stdout"));
        IAnsiConsole ansi = AnsiConsole.Console;
        if (Console.IsOutputRedirected) ansi.Profile.Width = 160; // a file or pipe has no width; don't wrap tables at 80
        return new CliConsole(Console.Out, Console.Error, ansi, interactive)
        {
            ErrorInteractive = !Console.IsErrorRedirected && Environment.GetEnvironmentVariable("CI") is null,
        };
    }

    /// <summary>
    /// A console over writers: no colours, no live display, a fixed width so output is stable; with
    /// <paramref name="errorTerminal"/>, <paramref name="error"/> is treated as a terminal's stderr (a <see cref="ProgressLine"/> draws there).
    /// </summary>
    public static CliConsole ForWriters(TextWriter output, TextWriter error, int width = 160, bool errorTerminal = false)
    {
        IAnsiConsole ansi = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
        ansi.Profile.Width = width;
        return new CliConsole(output, error, ansi, interactive: false) { ErrorInteractive = errorTerminal };
    }
}
