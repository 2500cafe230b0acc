namespace FastReg.IO;

/// <summary>Whether two paths name the same file, however they are spelled.</summary>
public static class FileIdentity
{
    /// <summary>
    /// True when <paramref name="a"/> and <paramref name="b"/> are the same file: the same device and inode
    /// (hard links, symbolic links, <c>..</c> and relative spellings all resolve) where both exist, otherwise
    /// the same name in the same folder for files that do not exist yet. Commands use it to refuse an output that is one
    /// of their inputs or another of their outputs.
    /// </summary>
    public static bool Same(string a, string b)
    {
        ArgumentException.ThrowIfNullOrEmpty(a);
        ArgumentException.ThrowIfNullOrEmpty(b);
        string fa = Final(a), fb = Final(b);
        FileStatus sa = FileStatus.Of(fa), sb = FileStatus.Of(fb);
        if (sa.HasIdentity && sb.HasIdentity) return sa.Device == sb.Device && sa.Inode == sb.Inode;
        if ((sa.Kind == FileKind.Missing) != (sb.Kind == FileKind.Missing)) return false;
        StringComparison comparison = OperatingSystem.IsLinux() ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;
        if (string.Equals(fa, fb, comparison)) return true;
        // Two files not written yet: the same name in the same folder, however the folders are spelled.
        FileStatus da = FileStatus.Of(Path.GetDirectoryName(fa) ?? fa), db = FileStatus.Of(Path.GetDirectoryName(fb) ?? fb);
        return da.HasIdentity && db.HasIdentity && da.Device == db.Device && da.Inode == db.Inode
            && string.Equals(Path.GetFileName(fa), Path.GetFileName(fb), comparison);
    }

    /// <summary>
    /// Whether <paramref name="path"/> (links followed) is a character device such as /dev/null or a FIFO:
    /// <see cref="AtomicFile"/> writes such a target in place, and several outputs may name /dev/null.
    /// </summary>
    public static bool IsDeviceOrFifo(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return FileStatus.Of(Final(path)).Kind is FileKind.CharacterDevice or FileKind.Fifo;
    }

    private static string Final(string path)
    {
        try
        {
            return OutputTarget.FollowLinks(Path.GetFullPath(path), path);
        }
        catch (IOException)
        {
            return Path.GetFullPath(path); // a link loop names nothing; its spelling is all there is to compare
        }
    }
}
