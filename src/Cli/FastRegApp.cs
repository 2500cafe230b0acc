using System.CommandLine;
using FastReg.Cli.Commands;
using FastReg.IO;
using FastReg.Nn.Training;

namespace FastReg.Cli;

/// <summary>
/// The command tree and the one place where failures become a single line on stderr and an exit
/// code: no command prints a stack trace (set FASTREG_DEBUG=1 to get one for a bug report).
/// </summary>
internal static class FastRegApp
{
    public static int Run(string[] args, CliConsole console)
    {
        RootCommand root = BuildRoot(console);
        // No response files: "@x.csv" is a file name, not a file of more arguments.
        ParseResult parsed = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        try
        {
            if (parsed.Errors.Count > 0 && parsed.Action is not System.CommandLine.Help.HelpAction)
                throw new CliException(UsageErrors.Describe(parsed));
            FlagRules.Check(parsed);
            return parsed.Invoke(new InvocationConfiguration
            {
                Output = console.Out,
                Error = console.Error,
                EnableDefaultExceptionHandler = false,
            });
        }
        catch (Exception e)
        {
            return Report(console.Error, e);
        }
    }

    public static RootCommand BuildRoot(CliConsole console)
    {
        var root = new RootCommand(
            "FastReg: regularized neural networks on hand-written SIMD kernels. With no command, runs the main job: " +
            "one MLP on the shipped digits without regularization and with each regularizer, a table and SVG loss plots.");
        MainJobCommand.Configure(root, console);
        root.Subcommands.Add(TrainCommand.Create(console));
        root.Subcommands.Add(PredictCommand.Create(console));
        root.Subcommands.Add(SweepCommand.Create(console));
        root.Subcommands.Add(BiasVarianceCommand.Create(console));
        root.Subcommands.Add(GradCheckCommand.Create(console));
        root.Subcommands.Add(BenchCommand.Create(console));
        root.Subcommands.Add(InfoCommand.Create(console));
        return root;
    }

    /// <summary>Prints one line for <paramref name="e"/> and returns the exit code.</summary>
    internal static int Report(TextWriter error, Exception e)
    {
        if (e is AggregateException { InnerExceptions.Count: 1 } aggregate) e = aggregate.InnerExceptions[0];
        bool expected = e is CliException or DataFormatException or FileNotFoundException or DirectoryNotFoundException
            or IOException or UnauthorizedAccessException or ArgumentException or TrainingDivergedException
            or InvalidOperationException or NotSupportedException;
        try
        {
            error.WriteLine(expected ? $"fastreg: error: {UserText(e)}" : $"fastreg: internal error: {e.GetType().Name}: {e.Message}");
            if (Environment.GetEnvironmentVariable("FASTREG_DEBUG") == "1") error.WriteLine(e);
            error.Flush();
        }
        catch (Exception failure) when (failure is IOException or UnauthorizedAccessException or ObjectDisposedException or NotSupportedException)
        {
            // stderr is closed or full: the exit code is all that can still say what happened.
        }
        return expected ? ExitCodes.Error : ExitCodes.InternalError;
    }

    /// <summary>An exception's message without .NET's " (Parameter 'fraction')" suffix, which names a library argument, not a flag.</summary>
    internal static string UserText(Exception e)
    {
        string message = e.Message;
        if (e is ArgumentException { ParamName: { } name })
        {
            string suffix = $" (Parameter '{name}')";
            if (message.EndsWith(suffix, StringComparison.Ordinal)) message = message[..^suffix.Length];
        }
        return message.ReplaceLineEndings(" ");
    }
}
