namespace FastReg.Cli;

/// <summary>A problem with what the user asked for (a flag's value, a file's contents): printed as one line, exit code 1.</summary>
internal sealed class CliException : Exception
{
    public CliException(string message) : base(message) { }

    public CliException(string message, Exception inner) : base(message, inner) { }

    public CliException() { }
}
