namespace FastReg.Nn;

/// <summary>
/// A data loss at run time: value and gradient of J over the network's outputs in one pass. The
/// model selects its loss once, at construction (<see cref="For"/>), and calls it once per batch.
/// Two overloads because the sum is a struct type argument (<see cref="ILossSum{T}"/>): training adds
/// plainly, the gradient checker with compensation; each loss compiles its loop once per kind of sum.
/// </summary>
internal abstract class DataLoss<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>The loss for <paramref name="kind"/>, made by its <see cref="LossCatalog"/> entry; an undefined value throws.</summary>
    public static DataLoss<T> For(LossKind kind) =>
        (LossCatalog.Find(kind) ?? throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown loss.")).Factory.Create<T>();

    /// <summary>
    /// Whether it takes integer class labels [batch] (true) or real-valued targets [batch, outputs]. A loss over
    /// labels has one output per class: a model with it is a classifier whose classes are its outputs.
    /// </summary>
    public abstract bool TakesLabels { get; }

    /// <summary>
    /// Whether each output is a logit of its own (probability σ(z)) rather than one score among k classes:
    /// one such output between two named classes is a binary classifier (<see cref="TrainedModel{T}"/>).
    /// </summary>
    public virtual bool HasIndependentLogits => false;

    /// <summary>Whether real-valued targets may be standardized for training and the outputs unscaled (<see cref="Preprocessing.TargetScaler"/>): true for a loss in the targets' own units.</summary>
    public virtual bool ScalesTargets => false;

    /// <summary>The factor that turns this loss on targets standardized by σ into the targets' units (σ² for a squared error; 1 where the loss does not scale with them).</summary>
    public virtual double LossUnits(double std) => 1;

    /// <summary>Whether a real-valued target lies in the loss's domain (<see cref="TargetDomain"/> names it).</summary>
    public virtual bool AcceptsTarget(double target) => true;

    /// <summary>The targets the loss accepts, for messages: "[0, 1]".</summary>
    public virtual string TargetDomain => "any real value";

    /// <summary>The interval [Low, High) a gradient check draws real-valued targets from: inside <see cref="TargetDomain"/>.</summary>
    public virtual (double Low, double High) SampleTargets => (-1, 1);

    /// <summary>Whether it accepts label smoothing (<see cref="Sequential{T}.LabelSmoothing"/>) and mixup labels.</summary>
    public virtual bool SmoothsLabels => false;

    /// <summary>Whether the outputs are class scores, so that probabilities and classes exist (false for regression).</summary>
    public virtual bool IsClassifier => true;

    /// <summary>Turns logits [rows, k] into class probabilities in place (called only when <see cref="IsClassifier"/>).</summary>
    public virtual void ToProbabilities(Span<T> z, int rows, int k) => throw new InvalidOperationException($"{GetType().Name} has no class probabilities.");

    /// <summary>
    /// Class probabilities in double from logits [rows, k] in double, for reports and saved predictions
    /// (<see cref="TrainedModel{T}"/>, <see cref="Training.ModelScore"/>); called only when <see cref="IsClassifier"/>.
    /// </summary>
    public virtual void ReportProbabilities(ReadOnlySpan<double> logits, Span<double> probabilities, int rows, int k) =>
        throw new InvalidOperationException($"{GetType().Name} has no class probabilities.");

    /// <summary>
    /// The predicted class of each of <paramref name="rows"/> rows of logits [rows, k] (called only when <see cref="IsClassifier"/>):
    /// the argmax by default, the lower index on ties.
    /// </summary>
    public virtual void Classes(ReadOnlySpan<T> logits, int rows, int k, Span<int> classes)
    {
        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<T> row = logits.Slice(r * k, k);
            int best = 0;
            for (int j = 1; j < k; j++) if (row[j] > row[best]) best = j;
            classes[r] = best;
        }
    }

    /// <summary>
    /// For the metrics (<see cref="Training.ModelScore"/>): adds one chunk's correct predictions or squared
    /// errors of outputs <paramref name="y"/> [rows, k] against its targets or labels.
    /// </summary>
    public abstract void Tally(ReadOnlySpan<T> y, ReadOnlySpan<T> targets, ReadOnlySpan<int> labels, ref long correct, ref double squaredError);

    /// <summary>Accuracy (NaN for regression) and RMSE (NaN for classifiers) from the tallies over <paramref name="rows"/> rows of <paramref name="k"/> outputs.</summary>
    public abstract (double Accuracy, double Rmse) Metrics(long correct, double squaredError, int rows, int k);

    /// <summary>J of the batch; writes dJ/d output into <see cref="LossBatch{T}.Gradient"/>.</summary>
    public abstract T Compute(in LossBatch<T> batch, ref PlainSum<T> sum);

    /// <inheritdoc cref="Compute(in LossBatch{T}, ref PlainSum{T})"/>
    public abstract T Compute(in LossBatch<T> batch, ref CompensatedSum<T> sum);
}

/// <summary>One batch as a loss sees it: outputs [rows, outputs], targets or labels, the gradient to write, and the label settings.</summary>
internal readonly ref struct LossBatch<T>(ReadOnlySpan<T> output, ReadOnlySpan<T> targets, ReadOnlySpan<int> labels, Span<T> gradient,
    int rows, int outputs, double smoothing, ReadOnlySpan<int> mixLabels, double mix) where T : unmanaged, IFloatingPointIeee754<T>
{
    public ReadOnlySpan<T> Output { get; } = output;
    public ReadOnlySpan<T> Targets { get; } = targets;
    public ReadOnlySpan<int> Labels { get; } = labels;
    public Span<T> Gradient { get; } = gradient;
    public int Rows { get; } = rows;
    public int Outputs { get; } = outputs;
    public double Smoothing { get; } = smoothing;

    /// <summary>The second labels of a mixup step, empty otherwise.</summary>
    public ReadOnlySpan<int> MixLabels { get; } = mixLabels;

    /// <summary>The mixup weight of the first labels (used only with <see cref="MixLabels"/>).</summary>
    public double Mix { get; } = mix;
}
