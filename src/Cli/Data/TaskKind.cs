namespace FastReg.Cli.Data;

/// <summary>What the targets are: class labels or real values.</summary>
internal enum TaskKind
{
    /// <summary>Decide from the targets (text or few distinct integers: classification).</summary>
    Auto,

    /// <summary>Integer class labels, softmax cross-entropy.</summary>
    Classification,

    /// <summary>Real-valued targets, mean squared error (or BCE with --loss bce).</summary>
    Regression,
}
