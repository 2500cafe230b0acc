using System.Text;

namespace FastReg.Cli;

/// <summary>
/// A standard stream that says which one failed: a write to a closed, full or broken stdout becomes an
/// <see cref="IOException"/> "cannot write to stdout: …", reported as one error line like any other.
/// </summary>
internal sealed class NamedStreamWriter(TextWriter inner, string name) : TextWriter
{
    public override Encoding Encoding => inner.Encoding;

    public override IFormatProvider FormatProvider => inner.FormatProvider;

    public override string NewLine
    {
        get => inner.NewLine;
#pragma warning disable CS8765 // TextWriter's setter accepts null and means the default
        set => inner.NewLine = value;
#pragma warning restore CS8765
    }

    public override void Write(char value) => Guard(() => inner.Write(value));

    public override void Write(string? value) => Guard(() => inner.Write(value));

    public override void Write(char[] buffer, int index, int count) => Guard(() => inner.Write(buffer, index, count));

    public override void Write(ReadOnlySpan<char> buffer)
    {
        string text = buffer.ToString();
        Guard(() => inner.Write(text));
    }

    public override void WriteLine(string? value) => Guard(() => inner.WriteLine(value));

    public override void WriteLine() => Guard(inner.WriteLine);

    public override void Flush() => Guard(inner.Flush);

    private void Guard(Action write)
    {
        try
        {
            write();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) // a closed descriptor is EBADF, which .NET reports as access denied
        {
            throw new IOException($"cannot write to {name}: {(e is UnauthorizedAccessException ? "it is closed" : e.Message)}", e);
        }
    }
}
