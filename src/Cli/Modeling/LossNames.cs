using FastReg.Nn;

namespace FastReg.Cli.Modeling;

/// <summary>The short loss names the flags and model files use (the library's <see cref="LossCatalog"/>).</summary>
internal static class LossNames
{
    public static string Name(LossKind loss) => LossCatalog.Name(loss);

    /// <summary>The catalogue entry of a flag's loss name, which answers the questions the CLI asks a loss.</summary>
    public static LossEntry Entry(LossKind loss) => LossCatalog.Entry(loss);

    public static LossKind Parse(string name, string source)
    {
        try
        {
            return LossCatalog.Parse(name);
        }
        catch (ArgumentException e)
        {
            throw new CliException($"{source}: {e.Message}");
        }
    }
}
