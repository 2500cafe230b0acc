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
