using FastReg.IO;

namespace FastReg.Cli.Output;

/// <summary>
/// Every output a command will write, checked before any work starts: each can be written (its folder exists,
/// it is not a folder, a socket or a read-only file, a file can be created beside it), and none is one of
/// the command's inputs or another of its outputs, by resolved identity (hard and symbolic links included).
/// A character device such as /dev/null may be named by several outputs; it is written in place.
/// </summary>
internal static class OutputPaths
{
    /// <param name="inputs">Flag (or argument name) and path of each input; null paths are skipped.</param>
    /// <param name="outputs">Flag and path of each output; null paths are skipped.</param>
    public static void Check(IReadOnlyList<(string Flag, string? Path)> inputs, IReadOnlyList<(string Flag, string? Path)> outputs)
    {
        for (int i = 0; i < outputs.Count; i++)
        {
            (string flag, string? path) = outputs[i];
            if (path is null) continue;
            try
            {
                AtomicFile.CheckWritable(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new CliException($"{flag}: {e.Message}.", e);
            }
            if (FileIdentity.IsDeviceOrFifo(path)) continue;
            foreach ((string inFlag, string? inPath) in inputs)
                if (inPath is not null && FileIdentity.Same(path, inPath))
                    throw new CliException($"{flag} '{path}' is the same file as the input {inFlag} '{inPath}'; writing it would destroy the input. Choose another output name.");
            for (int j = 0; j < i; j++)
                if (outputs[j].Path is string other && FileIdentity.Same(path, other))
                    throw new CliException($"{flag} '{path}' is the same file as {outputs[j].Flag} '{other}'; each output needs its own file.");
        }
    }

    /// <summary>Checks a folder that will receive the named files, creating it (as the command would) if it is missing.</summary>
    public static void CheckFolder(string flag, string folder, IReadOnlyList<string> fileNames, IReadOnlyList<(string Flag, string? Path)> inputs)
    {
        try
        {
            Directory.CreateDirectory(folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"{flag}: cannot use '{folder}' as the output folder: {e.Message}", e);
        }
        var outputs = new (string, string?)[fileNames.Count];
        for (int i = 0; i < outputs.Length; i++) outputs[i] = (flag, Path.Combine(folder, fileNames[i]));
        Check(inputs, outputs);
    }
}
