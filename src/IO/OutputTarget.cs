using System.Globalization;

namespace FastReg.IO;

/// <summary>
/// Where a write to a user's path really lands, decided before any byte is written: symbolic links are
/// followed to their final target (as <c>cp</c> does, so the link stays a link); a character device such
/// as /dev/null or a FIFO is written in place, never replaced by a regular file; a folder, socket or block
/// device is refused, and so is a read-only file (judged by its mode bits, which root would otherwise
/// ignore). Every error names the user's path.
/// </summary>
internal sealed record OutputTarget(string UserPath, string FinalPath, FileStatus Existing)
{
    private const int MaxLinks = 40; // Linux's own limit on links followed in one lookup

    /// <summary>Whether the target is written directly (a device or FIFO) rather than through a temporary file and a rename.</summary>
    public bool InPlace => Existing.Kind is FileKind.CharacterDevice or FileKind.Fifo;

    public string Folder => Path.GetDirectoryName(FinalPath)!;

    public static OutputTarget Resolve(string path)
    {
        string full = Path.GetFullPath(path);
        if (Path.EndsInDirectorySeparator(path) || Path.GetFileName(full).Length == 0)
            throw new IOException($"cannot write '{path}': it names a folder, not a file");
        string final = FollowLinks(full, path);
        FileStatus status = FileStatus.OfLink(final);

        string folder = Path.GetDirectoryName(final) ?? throw new IOException($"cannot write '{path}': it is not a file path");
        if (!Directory.Exists(folder))
            throw new DirectoryNotFoundException(final == full
                ? $"cannot write '{path}': directory '{folder}' does not exist"
                : $"cannot write '{path}': it links to '{final}', whose directory does not exist");
        switch (status.Kind)
        {
            case FileKind.Directory:
                throw new IOException($"cannot write '{path}': it is a folder, not a file");
            case FileKind.Socket or FileKind.BlockDevice or FileKind.Unknown:
                throw new IOException($"cannot write '{path}': it is {Describe(status.Kind)}; FastReg writes regular files, FIFOs and character devices such as /dev/null");
            case FileKind.Regular when !FileStatus.IsWritable(final, status):
                throw new UnauthorizedAccessException(string.Create(CultureInfo.InvariantCulture,
                    $"cannot write '{path}': the file is read-only (mode {Convert.ToString(status.Mode, 8)}); make it writable or choose another name"));
        }
        return new OutputTarget(path, final, status);
    }

    /// <summary>The full path with the symbolic links of its last component followed, as open() would; relative links resolve beside the link.</summary>
    internal static string FollowLinks(string full, string userPath)
    {
        for (int links = 0; links <= MaxLinks; links++)
        {
            string? target = FileStatus.OfLink(full).Kind == FileKind.SymbolicLink ? new FileInfo(full).LinkTarget : null;
            if (target is null) return full;
            full = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(full)!, target));
        }
        throw new IOException($"cannot write '{userPath}': more than {MaxLinks} symbolic links (a loop?)");
    }

    private static string Describe(FileKind kind) => kind switch
    {
        FileKind.Socket => "a socket",
        FileKind.BlockDevice => "a block device",
        FileKind.Unknown => "a path whose status cannot be read (a name too long, or a folder this user may not search)",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Only sockets, block devices and unreadable paths are described."),
    };
}
