using System.Security.Cryptography;
using System.Text;

namespace FastReg.IO;

/// <summary>
/// Crash-safe file replacement: the content goes to a temporary file in the target's directory, is flushed to
/// disk, and only then renamed over the target. A reader sees either the old file or the complete new one.
/// </summary>
/// <remarks>
/// What the target path names is decided first (see <see cref="CheckWritable"/>): a symbolic link is written
/// through to its final target and stays a link; a character device (/dev/null) or a FIFO is written in place,
/// never replaced; a folder, socket, block device or read-only file is refused. A replaced file keeps its
/// permission bits. Errors name the caller's path, never the temporary file.
/// </remarks>
public static class AtomicFile
{
    // Linux's NAME_MAX, in bytes: the temporary name is shortened to fit, so that a legal target name never fails.
    private const int MaxNameBytes = 255;
    private const int SuffixChars = 12;

    private static readonly Lock Gate = new();
    private static readonly HashSet<string> Pending = new(StringComparer.Ordinal);
    private static bool abandoned;

    /// <summary>
    /// Writes <paramref name="path"/> through <paramref name="write"/>. On any failure the temporary file is
    /// deleted, the old file (if any) is left untouched, and the exception propagates.
    /// </summary>
    /// <param name="path">The target file; its directory must exist.</param>
    /// <param name="write">Writes the whole content to the stream it is given; it may dispose the stream.</param>
    /// <exception cref="DirectoryNotFoundException">The target's directory does not exist.</exception>
    /// <exception cref="IOException">The target is a folder, socket or block device, or the write failed.</exception>
    /// <exception cref="UnauthorizedAccessException">The target is read-only or its folder is not writable.</exception>
    /// <exception cref="OperationCanceledException"><see cref="AbandonPendingWrites"/> was called (the process is being interrupted).</exception>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(write);
        OutputTarget target = OutputTarget.Resolve(path);
        if (target.InPlace)
        {
            WriteInPlace(target, write);
            return;
        }

        // Same directory, so the final rename never crosses file systems and stays atomic.
        string temp = TempPath(target);
        FileStream stream = CreateTemp(target, temp);
        try
        {
            bool disposedByWriter;
            using (stream)
            {
                if (target.Existing.Kind == FileKind.Regular && !OperatingSystem.IsWindows())
                    File.SetUnixFileMode(stream.SafeFileHandle, (UnixFileMode)target.Existing.Mode); // a 0600 file stays 0600
                write(stream);
                disposedByWriter = !stream.CanWrite;
                if (!disposedByWriter) stream.Flush(flushToDisk: true);
            }
            // The writer may have disposed the stream itself (a StreamWriter without leaveOpen does);
            // fsync applies to the file, so a fresh handle flushes what the old one wrote.
            lock (Gate) ThrowIfAbandoned();
            if (disposedByWriter) FlushToDisk(temp);
            lock (Gate)
            {
                ThrowIfAbandoned();
                File.Move(temp, target.FinalPath, overwrite: true);
                Pending.Remove(temp);
            }
        }
        catch (Exception e) when (Forget(temp) && e is IOException or UnauthorizedAccessException && e.Message.Contains(temp, StringComparison.Ordinal))
        {
            throw Renamed(e, temp, path);
        }
    }

    /// <summary>
    /// Checks, without writing it, that <paramref name="path"/> can be written by <see cref="Write"/>: the same
    /// checks of what it names, and a temporary file created and deleted in its folder. Commands call it for
    /// every output before long work starts.
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">The target's directory does not exist.</exception>
    /// <exception cref="IOException">The target is a folder, socket or block device, or no file can be created beside it.</exception>
    /// <exception cref="UnauthorizedAccessException">The target is read-only or its folder is not writable.</exception>
    public static void CheckWritable(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        OutputTarget target = OutputTarget.Resolve(path);
        if (target.InPlace) return;
        string temp = TempPath(target);
        CreateTemp(target, temp).Dispose();
        Forget(temp);
    }

    /// <summary>Writes <paramref name="contents"/> as UTF-8 (no byte order mark) through <see cref="Write(string, Action{Stream})"/>.</summary>
    public static void WriteAllText(string path, string contents)
    {
        ArgumentNullException.ThrowIfNull(contents);
        byte[] bytes = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(contents);
        Write(path, s => s.Write(bytes));
    }

    /// <summary>
    /// Deletes the temporary file of every save in progress and makes this and every later <see cref="Write"/>
    /// fail with <see cref="OperationCanceledException"/> instead of renaming: for a SIGINT or SIGTERM handler
    /// that is about to end the process. A rename already under way completes first, so no target is torn.
    /// </summary>
    /// <returns>How many temporary files were deleted.</returns>
    public static int AbandonPendingWrites()
    {
        lock (Gate)
        {
            abandoned = true;
            int deleted = 0;
            foreach (string temp in Pending)
                if (TryDelete(temp)) deleted++;
            Pending.Clear();
            return deleted;
        }
    }

    private static void WriteInPlace(OutputTarget target, Action<Stream> write)
    {
        lock (Gate) ThrowIfAbandoned();
        try
        {
            // A FIFO blocks here until a reader opens it, as it does for cp or tee.
            using var stream = new FileStream(target.FinalPath, FileMode.Open, FileAccess.Write, FileShare.ReadWrite, 1);
            write(stream);
            if (stream.CanWrite) stream.Flush();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException && e.Message.Contains(target.FinalPath, StringComparison.Ordinal) && target.FinalPath != target.UserPath)
        {
            throw Renamed(e, target.FinalPath, target.UserPath);
        }
    }

    private static FileStream CreateTemp(OutputTarget target, string temp)
    {
        lock (Gate)
        {
            ThrowIfAbandoned();
            FileStream stream;
            try
            {
                stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024);
            }
            catch (UnauthorizedAccessException e)
            {
                throw new UnauthorizedAccessException($"cannot write '{target.UserPath}': no permission to create files in '{target.Folder}'", e);
            }
            catch (IOException e)
            {
                throw Renamed(e, temp, target.UserPath);
            }
            Pending.Add(temp);
            return stream;
        }
    }

    private static void ThrowIfAbandoned()
    {
        if (abandoned) throw new OperationCanceledException("the program is being interrupted; nothing more is saved");
    }

    /// <summary>The same kind of exception with the user's path where the temporary file's was.</summary>
    private static Exception Renamed(Exception e, string temp, string path)
    {
        string message = $"cannot write '{path}': {e.Message.Replace(temp, path, StringComparison.Ordinal)}";
        return e is UnauthorizedAccessException ? new UnauthorizedAccessException(message, e) : new IOException(message, e);
    }

    /// <summary>A hidden sibling <c>.name.random.tmp</c>, the name shortened so the whole stays within NAME_MAX bytes.</summary>
    private static string TempPath(OutputTarget target)
    {
        string name = Path.GetFileName(target.FinalPath);
        int budget = MaxNameBytes - ".".Length - ".".Length - SuffixChars - ".tmp".Length;
        while (Encoding.UTF8.GetByteCount(name) > budget)
            name = name[..(char.IsLowSurrogate(name[^1]) && name.Length > 1 ? name.Length - 2 : name.Length - 1)];
        return Path.Combine(target.Folder, $".{name}.{RandomSuffix()}.tmp");
    }

    private static void FlushToDisk(string file)
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
        stream.Flush(flushToDisk: true);
    }

    private static string RandomSuffix() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(SuffixChars / 2));

    /// <summary>Deletes a temporary file that will not be renamed; returns true, so that it can sit in an exception filter.</summary>
    private static bool Forget(string temp)
    {
        lock (Gate)
        {
            Pending.Remove(temp);
            TryDelete(temp);
        }
        return true;
    }

    private static bool TryDelete(string file)
    {
        try
        {
            if (!File.Exists(file)) return false;
            File.Delete(file);
            return true;
        }
        catch (IOException)
        {
            // Best effort: the original exception is the one worth reporting.
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }
}
