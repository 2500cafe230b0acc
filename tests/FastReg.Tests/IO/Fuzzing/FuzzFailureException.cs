namespace FastReg.Tests.IO.Fuzzing;

/// <summary>A fuzz case that broke the reader's contract; the message holds the input that did it.</summary>
internal sealed class FuzzFailureException : Exception
{
    public FuzzFailureException(string message) : base(message)
    {
    }

    public FuzzFailureException(string message, Exception inner) : base(message, inner)
    {
    }
}
