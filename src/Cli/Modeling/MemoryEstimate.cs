using System.Globalization;
using FastReg.Nn;

namespace FastReg.Cli.Modeling;

/// <summary>
/// Refuses a network this machine cannot hold, before allocating it: parameters, their gradients and the
/// optimizer's state (one arena, so its length is capped too), plus every layer's activations and their
/// gradients for a batch. An allocation the OS overcommits and then kills would be no message at all. Every
/// path that builds a network (train's flags, a model file's description, a PyTorch file's shapes) asks first.
/// </summary>
internal static class MemoryEstimate
{
    /// <param name="inputs">Input width.</param>
    /// <param name="layers">The layers, as they will be built.</param>
    /// <param name="maxBatch">Rows of the workspace.</param>
    /// <param name="bytesPerNumber">4 for float, 8 for double.</param>
    /// <param name="optimizerSlots">Numbers of optimizer state per parameter (2 for Adam, 1 for momentum, 0 for none).</param>
    /// <param name="optimizer">The optimizer's name for the message.</param>
    /// <param name="advice">What the user can change, ending the message.</param>
    /// <returns>The network's parameter count.</returns>
    public static long Require(int inputs, IReadOnlyList<LayerSpec> layers, int maxBatch, int bytesPerNumber, int optimizerSlots, string optimizer, string advice)
    {
        long parameters = 0, activations = inputs;
        long width = inputs;
        foreach (LayerSpec layer in layers)
        {
            long output = layer.OutputSize((int)width);
            parameters += layer.ParameterCount((int)width);
            activations += output + layer.WorkspacePerRow((int)width); // masks and gate samples beside the output
            width = output;
        }
        long numbers = (2 + optimizerSlots) * parameters;
        if (numbers > Array.MaxLength)
            throw new CliException(string.Create(CultureInfo.InvariantCulture,
                $"the network has {parameters:N0} parameters; with {optimizer}'s state that is {numbers:N0} numbers, more than one model's arena holds ({Array.MaxLength:N0}). {advice}"));
        double bytes = ((double)numbers + 2.0 * activations * maxBatch) * bytesPerNumber;
        long available = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        if (bytes > 0.8 * available)
            throw new CliException(string.Create(CultureInfo.InvariantCulture,
                $"the network has {parameters:N0} parameters and needs about {bytes / (1L << 30):F1} GiB with a batch of {maxBatch}; this process can use {available / (double)(1L << 30):F1} GiB. {advice}"));
        return parameters;
    }
}
