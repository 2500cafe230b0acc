namespace FastReg.Nn;

/// <summary>The same model in another precision (pruning, the other model-to-model conversion, is in SequentialPruning.cs).</summary>
public sealed partial class Sequential<T>
{
    /// <summary>
    /// The same network in another precision (e.g. a float model as double for gradient checking):
    /// same layers, parameters converted, same seed, step and penalties. Optimizer state is not carried.
    /// </summary>
    public Sequential<TOther> ConvertTo<TOther>() where TOther : unmanaged, IFloatingPointIeee754<TOther>
    {
        var other = new Sequential<TOther>(InputSize, MaxBatch, Loss, Layers, Seed)
        {
            Penalty = _penalty, PenaltyExamples = PenaltyExamples, Step = Step, LabelSmoothing = LabelSmoothing,
            ClipGradNorm = ClipGradNorm, ClipGradValue = ClipGradValue,
        };
        Span<TOther> dst = other.AllParameters;
        ReadOnlySpan<T> src = _arena.Parameters;
        for (int i = 0; i < src.Length; i++) dst[i] = TOther.CreateTruncating(src[i]);
        return other;
    }
}
