using FastReg.Plotting;
using FastReg.IO;

namespace FastReg.Cli.Output;

/// <summary>Writes SVG plots atomically into an output folder, creating it if needed.</summary>
internal static class PlotFiles
{
    public static string Write(string folder, string fileName, string svg)
    {
        Directory.CreateDirectory(folder);
        string path = Path.Combine(folder, fileName);
        AtomicFile.WriteAllText(path, svg);
        return path;
    }

    /// <summary>A file name from a label: lower case, letters and digits, words joined by '-'.</summary>
    public static string Slug(string label)
    {
        var chars = new List<char>(label.Length);
        foreach (char c in label.ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c)) chars.Add(c);
            else if (chars.Count > 0 && chars[^1] != '-') chars.Add('-');
        }
        while (chars.Count > 0 && chars[^1] == '-') chars.RemoveAt(chars.Count - 1);
        return chars.Count == 0 ? "plot" : new string([.. chars]);
    }

    /// <summary>
    /// Train (dashed) and validation (solid) loss per epoch of one run, in one colour, with the epoch early
    /// stopping ended at and the epoch whose weights were restored marked.
    /// </summary>
    public static LinePlot LossCurves(string title, Nn.Training.TrainingResult training, int colorIndex = 0, string yLabel = "cross-entropy loss", bool logY = false)
    {
        IReadOnlyList<Nn.Training.EpochMetrics> history = training.History;
        var plot = new LinePlot(title, "epoch", yLabel) { LogY = logY };
        var epochs = new double[history.Count];
        var train = new double[history.Count];
        var validation = new double[history.Count];
        for (int i = 0; i < history.Count; i++)
        {
            epochs[i] = history[i].Epoch + 1;
            train[i] = history[i].TrainLoss;
            validation[i] = history[i].ValidationLoss;
        }
        plot.AddSeries("train", epochs, train, dashed: true, colorIndex: colorIndex);
        bool hasValidation = false;
        foreach (double v in validation) hasValidation |= !double.IsNaN(v);
        if (hasValidation) plot.AddSeries("validation", epochs, validation, dashed: false, colorIndex: colorIndex);
        if (history.Count == 0) return plot;
        int last = history[^1].Epoch + 1, kept = training.BestEpoch + 1;
        if (training.StoppedEarly) plot.AddVerticalMarker(last, $"stopped at {last}");
        if (kept != last) plot.AddVerticalMarker(kept, $"restored {kept}");
        return plot;
    }
}
