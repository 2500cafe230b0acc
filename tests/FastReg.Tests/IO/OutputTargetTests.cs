using System.Net.Sockets;
using FastReg.IO;
using FastReg.Tests.Support;

namespace FastReg.Tests.IO;

/// <summary>
/// What AtomicFile does with the path it is given: nothing that is not a regular file is ever replaced by one,
/// links are written through, permission bits survive, read-only files are refused by their mode bits (the
/// tests run as root, for whom the kernel ignores them), and errors name the caller's path.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public class OutputTargetTests
{
    [Fact]
    public async Task A_fifo_is_written_in_place_and_stays_a_fifo()
    {
        using var dir = new TempDirectory();
        string fifo = dir.File("pipe");
        Assert.Equal(0, ChildProcess.Run("mkfifo", [fifo], dir.Path).ExitCode);
        Task<string> reader = Task.Run(() => File.ReadAllText(fifo)); // opening blocks until the writer opens too
        AtomicFile.WriteAllText(fifo, "through the pipe");
        Assert.Equal("through the pipe", await reader.WaitAsync(TimeSpan.FromSeconds(60)));
        Assert.Equal(FileKind.Fifo, FileStatus.OfLink(fifo).Kind);
        Assert.Equal([fifo], Directory.GetFileSystemEntries(dir.Path));
    }

    [Fact]
    public void A_character_device_is_written_in_place_and_never_replaced()
    {
        // A copy of /dev/null (major 1, minor 3) in the test's own folder: the real one is never touched.
        using var dir = new TempDirectory();
        string device = dir.File("null");
        ChildRun made = ChildProcess.Run("mknod", [device, "c", "1", "3"], dir.Path);
        Assert.True(made.ExitCode == 0, $"mknod failed (the tests expect to run as root): {made.Error}");
        AtomicFile.WriteAllText(device, "into the void");
        SafeTensors.Write(device, [new NamedTensor("w", TensorType.F32, [2], [1, 2])]);
        Assert.Equal(FileKind.CharacterDevice, FileStatus.OfLink(device).Kind);
        Assert.Equal([device], Directory.GetFileSystemEntries(dir.Path));
    }

    [Fact]
    public void A_symbolic_link_is_written_through_to_its_target_and_stays_a_link()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.File("real"));
        string real = dir.File(Path.Combine("real", "model.bin"));
        File.WriteAllText(real, "old");
        string link = dir.File("model.bin");
        File.CreateSymbolicLink(link, Path.Combine("real", "model.bin")); // relative, resolved beside the link
        AtomicFile.WriteAllText(link, "new");
        Assert.Equal(FileKind.SymbolicLink, FileStatus.OfLink(link).Kind);
        Assert.Equal("new", File.ReadAllText(real));

        // A dangling link creates its target, as cp does.
        string dangling = dir.File("later.bin");
        File.CreateSymbolicLink(dangling, dir.File("created.bin"));
        AtomicFile.WriteAllText(dangling, "made");
        Assert.Equal("made", File.ReadAllText(dir.File("created.bin")));
        Assert.Equal(FileKind.SymbolicLink, FileStatus.OfLink(dangling).Kind);
        Assert.Empty(Directory.GetFiles(dir.Path, "*.tmp", SearchOption.AllDirectories));
    }

    [Theory]
    [InlineData(UnixFileMode.UserRead | UnixFileMode.UserWrite)]
    [InlineData(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead | UnixFileMode.OtherExecute)]
    public void Replacing_a_file_keeps_its_permission_bits(UnixFileMode mode)
    {
        using var dir = new TempDirectory();
        string path = dir.File("secret.safetensors");
        File.WriteAllText(path, "old");
        File.SetUnixFileMode(path, mode);
        AtomicFile.WriteAllText(path, "new");
        Assert.Equal("new", File.ReadAllText(path));
        Assert.Equal(mode, File.GetUnixFileMode(path));
    }

    [Fact]
    public void A_read_only_file_is_refused_by_its_mode_bits_and_left_alone()
    {
        using var dir = new TempDirectory();
        string path = dir.File("frozen.csv");
        File.WriteAllText(path, "keep me");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        var e = Assert.Throws<UnauthorizedAccessException>(() => AtomicFile.WriteAllText(path, "lost"));
        Assert.Contains($"'{path}'", e.Message, StringComparison.Ordinal);
        Assert.Contains("read-only (mode 444)", e.Message, StringComparison.Ordinal);
        Assert.Throws<UnauthorizedAccessException>(() => AtomicFile.CheckWritable(path));
        Assert.Equal("keep me", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(dir.Path));
    }

    [Fact]
    public void A_folder_or_a_socket_is_refused_naming_the_path()
    {
        using var dir = new TempDirectory();
        string folder = dir.File("plots");
        Directory.CreateDirectory(folder);
        Assert.Contains("is a folder", Assert.Throws<IOException>(() => AtomicFile.WriteAllText(folder, "x")).Message, StringComparison.Ordinal);
        Assert.Contains("names a folder", Assert.Throws<IOException>(() => AtomicFile.WriteAllText(folder + "/", "x")).Message, StringComparison.Ordinal);

        string socketPath = dir.File("sock");
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(socketPath));
        var e = Assert.Throws<IOException>(() => AtomicFile.WriteAllText(socketPath, "x"));
        Assert.Contains($"'{socketPath}': it is a socket", e.Message, StringComparison.Ordinal);
        Assert.Equal(FileKind.Socket, FileStatus.OfLink(socketPath).Kind);
    }

    [Fact]
    public void A_name_of_the_longest_legal_length_is_written_the_temporary_name_shortened_to_fit()
    {
        using var dir = new TempDirectory();
        foreach (string name in new[] { new string('a', 251) + ".csv", new string('é', 125) + ".npy" }) // 255 bytes each
        {
            string path = dir.File(name);
            string? temp = null;
            AtomicFile.Write(path, s =>
            {
                temp = Path.GetFileName(((FileStream)s).Name);
                s.WriteByte(1);
            });
            Assert.Equal([1], File.ReadAllBytes(path));
            Assert.True(System.Text.Encoding.UTF8.GetByteCount(temp!) <= 255, temp);
            Assert.StartsWith(".", temp, StringComparison.Ordinal);
            AtomicFile.CheckWritable(path);
        }
        Assert.Equal(2, Directory.GetFiles(dir.Path).Length);
    }

    [Fact]
    public void Errors_name_the_callers_path_never_the_temporary_file()
    {
        using var dir = new TempDirectory();
        string path = dir.File("weights.safetensors");
        string? temp = null;
        var e = Assert.Throws<IOException>(() => AtomicFile.Write(path, s =>
        {
            temp = ((FileStream)s).Name;
            throw new IOException($"No space left on device : '{temp}'"); // what .NET says when the disk fills
        }));
        Assert.DoesNotContain(".tmp", e.Message, StringComparison.Ordinal);
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(temp));

        string inFile = Path.Combine(path + ".d", "x.csv"); // a folder that does not exist
        var missing = Assert.Throws<DirectoryNotFoundException>(() => AtomicFile.CheckWritable(inFile));
        Assert.Contains($"'{inFile}'", missing.Message, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(dir.Path));
    }

    [Fact]
    public void Abandoning_pending_writes_deletes_the_temporary_file_and_the_save_does_not_rename()
    {
        // In a child process: abandoning is for good, and would fail every other test's saves in this one.
        using var dir = new TempDirectory();
        string target = dir.File("model.bin");
        File.WriteAllText(target, "old");
        ChildRun run = ChildProcess.Run(ChildProcess.DotnetHost(), [Path.Combine(AppContext.BaseDirectory, "FastReg.SaveVictim.dll"), "abandon", target], dir.Path);
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal(["abandoned 1", "temps 0", "canceled", "temps 0"], run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal("old", File.ReadAllText(target));
    }

    [Fact]
    public void Same_file_sees_through_hard_links_symbolic_links_and_spellings()
    {
        using var dir = new TempDirectory();
        string a = dir.File("a.csv");
        File.WriteAllText(a, "x");
        string hard = dir.File("hard.csv");
        Assert.Equal(0, ChildProcess.Run("ln", [a, hard], dir.Path).ExitCode);
        string soft = dir.File("soft.csv");
        File.CreateSymbolicLink(soft, a);
        Directory.CreateDirectory(dir.File("sub"));
        string linkedFolder = dir.File("lf");
        Directory.CreateSymbolicLink(linkedFolder, dir.Path);

        Assert.True(FileIdentity.Same(a, hard));
        Assert.True(FileIdentity.Same(soft, hard));
        Assert.True(FileIdentity.Same(a, Path.Combine(dir.Path, "sub", "..", "a.csv")));
        Assert.True(FileIdentity.Same(dir.File("new.svg"), Path.Combine(linkedFolder, "new.svg"))); // neither exists yet
        Assert.False(FileIdentity.Same(a, dir.File("new.svg")));
        Assert.False(FileIdentity.Same(dir.File("one.svg"), dir.File("two.svg")));
    }
}
