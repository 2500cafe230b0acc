namespace FastReg.Nn;

/// <summary>
/// The terms of a <see cref="Penalty"/>, compared element by element, so that the record's equality
/// (which compares its fields with their own Equals) sees two penalties with equal terms as equal.
/// </summary>
internal sealed class PenaltyTermList(PenaltyTerm[] terms) : IReadOnlyList<PenaltyTerm>, IEquatable<PenaltyTermList>
{
    public static PenaltyTermList Empty { get; } = new([]);

    public PenaltyTerm this[int index] => terms[index];

    public int Count => terms.Length;

    public IEnumerator<PenaltyTerm> GetEnumerator() => ((IEnumerable<PenaltyTerm>)terms).GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    public bool Equals(PenaltyTermList? other) => other is not null && terms.AsSpan().SequenceEqual(other.Terms);

    public override bool Equals(object? obj) => obj is PenaltyTermList other && Equals(other);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (PenaltyTerm t in terms) hash.Add(t);
        return hash.ToHashCode();
    }

    private ReadOnlySpan<PenaltyTerm> Terms => terms;
}
