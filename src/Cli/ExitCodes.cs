namespace FastReg.Cli;

/// <summary>The program's exit codes.</summary>
internal static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Ok = 0;

    /// <summary>Bad input: a flag, a file, the data; or a usage error System.CommandLine reports.</summary>
    public const int Error = 1;

    /// <summary>The command ran but its check failed (gradcheck above its bound).</summary>
    public const int CheckFailed = 2;

    /// <summary>A bug in fastreg itself (an exception nobody anticipated).</summary>
    public const int InternalError = 70;
}
