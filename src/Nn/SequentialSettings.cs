namespace FastReg.Nn;

/// <summary>
/// The training step's settings: the model's penalty (resolved once into its regularizers), the m of
/// λ/m, label smoothing, gradient clipping and the optimizer. Setting the penalty or the optimizer is
/// refused while a step runs on another thread (the single-owner rule, SequentialOwnership.cs).
/// </summary>
public sealed partial class Sequential<T>
{
    /// <summary>The penalty of every layer that sets none of its own.</summary>
    public Penalty Penalty
    {
        get => _penalty;
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            value.Validate(nameof(value));
            var regularizers = new RegularizerSet<T>(_tensors, value, _regularizerScratch);
            // Not while a step on another thread reads it: refused like any other overlapping call.
            _guard.Enter(BusyMessage);
            _penalty = value;
            _regularizers = regularizers;
            _guard.Exit();
        }
    }

    /// <summary>
    /// m in the penalties' λ/m scaling. Null (the default) uses the batch size of each step, the spec's
    /// literal form; set it to the training-set size to make every mini-batch objective an estimate
    /// of one full-data objective (λ/2N)·Σ||W||².
    /// </summary>
    public int? PenaltyExamples
    {
        get;
        set => field = value is null or > 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "PenaltyExamples must be positive.");
    }

    /// <summary>
    /// Label smoothing ε of the softmax cross-entropy, as torch.nn.CrossEntropyLoss(label_smoothing=ε):
    /// the target is (1 − ε)·onehot + ε/k. 0 (the default) is the plain loss; other losses refuse it.
    /// </summary>
    public double LabelSmoothing
    {
        get;
        set
        {
            if (!(value >= 0 && value <= 1)) throw new ArgumentOutOfRangeException(nameof(value), value, "Label smoothing must lie in [0, 1].");
            if (value != 0 && !_loss.SmoothsLabels)
                throw new ArgumentException($"Label smoothing applies to the softmax cross-entropy, not {Loss}.", nameof(value));
            field = value;
        }
    }

    /// <summary>
    /// Clip the gradient's global L2 norm to this value before each update (torch.nn.utils.clip_grad_norm_,
    /// with its 1e-6 in the denominator); null (the default) does not clip. <see cref="LastGradientNorm"/> reports the norm before clipping.
    /// </summary>
    public double? ClipGradNorm
    {
        get;
        set => field = value is null or > 0 and < double.PositiveInfinity ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "ClipGradNorm must be a positive finite number.");
    }

    /// <summary>Clamp every gradient entry to [−c, c] before each update (torch.nn.utils.clip_grad_value_); null does not clip.</summary>
    public double? ClipGradValue
    {
        get;
        set => field = value is null or > 0 and < double.PositiveInfinity ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "ClipGradValue must be a positive finite number.");
    }

    /// <summary>The optimizer; setting it (re)sizes and zeroes its state in the arena.</summary>
    public Optimizer? Optimizer
    {
        get => _optimizer;
        set
        {
            // Resizing the optimizer state under a step running on another thread would corrupt it: refused.
            _guard.Enter(BusyMessage);
            try
            {
                _optimizer = value;
                _arena.ResetState(value?.StateSlots ?? 0);
                _updates = 0;
            }
            finally
            {
                _guard.Exit();
            }
        }
    }
}
