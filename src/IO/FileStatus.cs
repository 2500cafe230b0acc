using System.Runtime.InteropServices;
using System.Text;

namespace FastReg.IO;

/// <summary>What kind of thing a path names.</summary>
internal enum FileKind
{
    Missing,
    Regular,
    Directory,
    SymbolicLink,
    CharacterDevice,
    BlockDevice,
    Fifo,
    Socket,

    /// <summary>The kind could not be read (another OS, or an error other than "no such file").</summary>
    Unknown,
}

/// <summary>
/// The kind, permission bits and identity (device, inode) of a path, from Linux's <c>statx</c>, whose
/// result has the same layout on every architecture. Elsewhere (or if libc cannot be loaded) only what
/// .NET itself tells is known: regular file, folder, link or missing, and no identity.
/// </summary>
internal readonly record struct FileStatus(FileKind Kind, int Mode, ulong Device, ulong Inode)
{
    private const int AtFdCwd = -100, AtSymlinkNoFollow = 0x100, StatxBasicStats = 0x7ff, ENoEnt = 2, ENotDir = 20;

    /// <summary>Whether <see cref="Device"/> and <see cref="Inode"/> identify the file.</summary>
    public bool HasIdentity => Inode != 0;

    /// <summary>The status of <paramref name="path"/> itself (a link is a link), as lstat.</summary>
    public static FileStatus OfLink(string path) => Get(path, followLinks: false);

    /// <summary>The status of what <paramref name="path"/> finally names, as stat.</summary>
    public static FileStatus Of(string path) => Get(path, followLinks: true);

    private static unsafe FileStatus Get(string path, bool followLinks)
    {
        if (Libc.Statx is null) return Managed(path, followLinks);
        byte[] name = Encoding.UTF8.GetBytes(path + "\0");
        byte* buffer = stackalloc byte[256];
        int result;
        fixed (byte* p = name)
            result = Libc.Statx(AtFdCwd, p, followLinks ? 0 : AtSymlinkNoFollow, StatxBasicStats, buffer);
        if (result != 0)
        {
            int errno = Marshal.GetLastSystemError();
            return new FileStatus(errno is ENoEnt or ENotDir ? FileKind.Missing : FileKind.Unknown, 0, 0, 0);
        }
        // struct statx: stx_mode (u16) at 28, stx_ino (u64) at 32, stx_dev_major/minor (u32) at 136/140.
        int mode = *(ushort*)(buffer + 28);
        ulong inode = *(ulong*)(buffer + 32);
        ulong device = ((ulong)*(uint*)(buffer + 136) << 32) | *(uint*)(buffer + 140);
        FileKind kind = (mode & 0xF000) switch
        {
            0x8000 => FileKind.Regular,
            0x4000 => FileKind.Directory,
            0xA000 => FileKind.SymbolicLink,
            0x2000 => FileKind.CharacterDevice,
            0x6000 => FileKind.BlockDevice,
            0x1000 => FileKind.Fifo,
            0xC000 => FileKind.Socket,
            _ => FileKind.Unknown,
        };
        return new FileStatus(kind, mode & 0xFFF, device, inode);
    }

    private static FileStatus Managed(string path, bool followLinks)
    {
        FileSystemInfo info = new FileInfo(path);
        if (!followLinks && info.Exists && info.LinkTarget is not null) return new FileStatus(FileKind.SymbolicLink, 0, 0, 0);
        if (Directory.Exists(path)) return new FileStatus(FileKind.Directory, 0, 0, 0);
        if (!File.Exists(path)) return new FileStatus(FileKind.Missing, 0, 0, 0);
        int mode = OperatingSystem.IsWindows() ? 0x1B6 : (int)File.GetUnixFileMode(path);
        return new FileStatus(FileKind.Regular, mode, 0, 0);
    }

    /// <summary>Whether this process may write the file, judged by its mode bits for root (which the kernel lets write anything).</summary>
    public static unsafe bool IsWritable(string path, FileStatus status)
    {
        if (OperatingSystem.IsWindows()) return (File.GetAttributes(path) & FileAttributes.ReadOnly) == 0;
        if (Environment.IsPrivilegedProcess || Libc.Access is null) return (status.Mode & 0x92) != 0; // any w bit (0222)
        byte[] name = Encoding.UTF8.GetBytes(path + "\0");
        fixed (byte* p = name)
            return Libc.Access(p, 2 /* W_OK */) == 0;
    }

    /// <summary>The two libc functions, loaded once; null where there is no such library (Windows, macOS's libc has no statx).</summary>
    private static unsafe class Libc
    {
        public static readonly delegate* unmanaged<int, byte*, int, uint, byte*, int> Statx;
        public static readonly delegate* unmanaged<byte*, int, int> Access;

#pragma warning disable CA1810 // the function pointers need statements to load
        static Libc()
#pragma warning restore CA1810
        {
            if (!OperatingSystem.IsLinux()) return;
            if (!NativeLibrary.TryLoad("libc.so.6", out nint handle) && !NativeLibrary.TryLoad("libc", out handle)) return;
            if (NativeLibrary.TryGetExport(handle, "statx", out nint statx))
                Statx = (delegate* unmanaged<int, byte*, int, uint, byte*, int>)statx;
            if (NativeLibrary.TryGetExport(handle, "access", out nint access))
                Access = (delegate* unmanaged<byte*, int, int>)access;
        }
    }
}
