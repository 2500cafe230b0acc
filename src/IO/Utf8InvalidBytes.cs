using System.Text;

namespace FastReg.IO;

/// <summary>
/// A UTF-8 decoding that counts invalid sequences instead of throwing: each becomes U+FFFD, and the CSV reader,
/// meeting a U+FFFD once the count is above zero, refuses it on the line where it stands. An exception from the
/// decoder itself would come a whole buffer early, on the line where that buffer began. One per read.
/// </summary>
internal sealed class Utf8InvalidBytes : DecoderFallback
{
    public Utf8InvalidBytes() =>
        Encoding = System.Text.Encoding.GetEncoding("utf-8", EncoderFallback.ExceptionFallback, this);

    /// <summary>UTF-8 with this fallback.</summary>
    public Encoding Encoding { get; }

    /// <summary>Invalid sequences decoded so far.</summary>
    public long Count { get; private set; }

    public override int MaxCharCount => 1;

    public override DecoderFallbackBuffer CreateFallbackBuffer() => new Buffer(this);

    private sealed class Buffer(Utf8InvalidBytes owner) : DecoderFallbackBuffer
    {
        private int _left;

        public override int Remaining => _left;

        public override bool Fallback(byte[] bytesUnknown, int index)
        {
            owner.Count++;
            _left = 1;
            return true;
        }

        public override char GetNextChar()
        {
            if (_left == 0) return '\0';
            _left--;
            return '\uFFFD';
        }

        public override bool MovePrevious()
        {
            if (_left == 1) return false;
            _left = 1;
            return true;
        }

        public override void Reset() => _left = 0;
    }
}
