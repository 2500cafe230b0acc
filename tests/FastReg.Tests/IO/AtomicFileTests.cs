using FastReg.IO;

namespace FastReg.Tests.IO;

public class AtomicFileTests
{
    [Fact]
    public void A_writer_that_fails_midway_leaves_the_old_file_and_no_temp_file()
    {
        using var dir = new TempDirectory();
        string path = dir.File("model.bin");
        AtomicFile.WriteAllText(path, "old contents");
        var e = Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, s =>
        {
            s.Write(new byte[100_000]);
            throw new InvalidOperationException("disk on fire");
        }));
        Assert.Equal("disk on fire", e.Message);
        Assert.Equal("old contents", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(dir.Path));
    }

    [Fact]
    public void A_failing_writer_without_an_old_file_leaves_nothing()
    {
        using var dir = new TempDirectory();
        Assert.Throws<IOException>(() => AtomicFile.Write(dir.File("new.bin"), _ => throw new IOException("no")));
        Assert.Empty(Directory.GetFileSystemEntries(dir.Path));
    }

    [Fact]
    public void Replaces_the_file_and_cleans_up_even_when_the_writer_disposes_the_stream()
    {
        using var dir = new TempDirectory();
        string path = dir.File("out.txt");
        AtomicFile.WriteAllText(path, "first");
        AtomicFile.Write(path, s =>
        {
            using var w = new StreamWriter(s); // disposes the stream, as careless writers do
            w.Write("second");
        });
        Assert.Equal("second", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(dir.Path));
    }

    [Fact]
    public void Temp_files_are_hidden_siblings_of_the_target()
    {
        using var dir = new TempDirectory();
        string? seen = null;
        AtomicFile.Write(dir.File("t.csv"), s => seen = ((FileStream)s).Name);
        Assert.Equal(dir.Path, Path.GetDirectoryName(seen));
        Assert.Matches(@"^\.t\.csv\.[0-9a-f]+\.tmp$", Path.GetFileName(seen));
    }

    [Fact]
    public void A_missing_directory_is_a_clear_error()
    {
        using var dir = new TempDirectory();
        var e = Assert.Throws<DirectoryNotFoundException>(() => AtomicFile.WriteAllText(Path.Combine(dir.Path, "nope", "a.txt"), "x"));
        Assert.Contains("does not exist", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WriteAllText_writes_utf8_without_bom()
    {
        using var dir = new TempDirectory();
        string path = dir.File("u.txt");
        AtomicFile.WriteAllText(path, "ü");
        Assert.Equal([0xC3, 0xBC], File.ReadAllBytes(path));
    }
}
