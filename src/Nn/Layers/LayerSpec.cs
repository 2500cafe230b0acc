using System.Runtime.CompilerServices;
namespace FastReg.Nn;

/// <summary>
/// The description of one layer of a <see cref="Sequential{T}"/>: its kind and settings, not its
/// numbers. The model turns each description into a <see cref="Layer{T}"/> over its own arena and
/// workspaces by calling <see cref="Build{T}"/>. Built-in and user layers derive from this record the
/// same way (docs/extending.md).
/// </summary>
public abstract record LayerSpec
{
    /// <summary>
    /// The layer's kind as model files record it ("dense", "relu", "swish"): a name of
    /// <see cref="LayerCatalog"/>, which turns it (with <see cref="Settings"/>) back into a spec.
    /// </summary>
    public abstract string KindName { get; }

    /// <summary>The settings a file records after the kind ("128" for Dense(128)); empty for none. It must not contain a colon or white space.</summary>
    public virtual string Settings => "";

    /// <summary>Output width for a given input width.</summary>
    public abstract int OutputSize(int inputSize);

    /// <summary>
    /// Whether the layer is elementwise: as wide as its input, output unit j depending only on input
    /// unit j (activations, dropout, noise, gates). <see cref="Sequential{T}.PruneClosedGates"/> looks
    /// through such layers for the narrowable layers on either side of a gate. False by default.
    /// </summary>
    public virtual bool IsElementwise => false;

    /// <summary>
    /// This spec with <paramref name="units"/> output units, for pruning; null (the default) for a layer
    /// whose width is not a setting of its own. A layer that returns one lays out every parameter tensor
    /// with one row per output unit and its <see cref="ParameterKind.Weight"/> tensors [units, inputs] with
    /// one column per input feature (as Dense), so a pruned unit drops a row of this layer's tensors and a
    /// column of the next narrowable layer's weights.
    /// </summary>
    public virtual LayerSpec? WithUnits(int units) => null;

    /// <summary>
    /// How many parameters the layer declares for an input of <paramref name="inputSize"/> features, known
    /// before building (the CLI refuses a network too large for memory with it). The default builds the
    /// layer once, for one row, on an arena that is never allocated, and counts what it declares; a layer
    /// with a closed form (every built-in one) overrides it, which also avoids that build.
    /// </summary>
    public virtual long ParameterCount(int inputSize)
    {
        var build = new LayerBuilder<float>(new ParameterArena<float>(), [], 0, 0, inputSize, maxBatch: 1, next: null);
        Build(build);
        return build.Offset;
    }

    /// <summary>
    /// Numbers per batch row the layer's own workspaces hold beyond its output (a dropout mask, a gate's
    /// samples), for memory estimates; 0 by default.
    /// </summary>
    public virtual long WorkspacePerRow(int inputSize) => 0;

    /// <summary>
    /// The penalty the layer adds itself (<see cref="Layer{T}.OwnPenalty"/>), as <see cref="Sequential{T}.Summary"/>
    /// prints it ("L0 0.01"); null (the default) for a layer whose parameters take the penalty of the model or of their own tensors.
    /// </summary>
    public virtual string? OwnPenaltySummary => null;

    /// <summary>
    /// Creates the layer for T (float or double). The layer's constructor declares its parameters on
    /// <paramref name="build"/> (<see cref="LayerBuilder{T}.AddParameter"/>) and sizes its workspaces
    /// for <see cref="LayerBuilder{T}.MaxBatch"/> rows.
    /// </summary>
    public abstract Layer<T> Build<T>(LayerBuilder<T> build) where T : unmanaged, IFloatingPointIeee754<T>;

    /// <summary>
    /// Leaves <see cref="KindName"/> and <see cref="Settings"/> out of the record's ToString, so a
    /// spec prints its own settings once: "Dense { Units = 8, Penalty = L2 0.01, Init = Auto, Bias = True }".
    /// </summary>
    protected virtual bool PrintMembers(System.Text.StringBuilder builder) => false;
}
