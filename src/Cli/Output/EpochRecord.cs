using FastReg.Nn.Training;

namespace FastReg.Cli.Output;

/// <summary>
/// One epoch as the logs write it (<c>--log</c>, <c>--json</c>, <c>--verbose</c>): losses, accuracy or RMSE on the
/// training and validation rows, learning rate, penalty, ‖W‖, the fraction of weights that are zero, and seconds.
/// Metrics that do not apply (no validation split; accuracy of a regression) are null.
/// </summary>
internal sealed record EpochRecord(
    int Epoch, double? Loss, double? ValLoss, double? Accuracy, double? ValAccuracy, double? Rmse, double? ValRmse,
    double LearningRate, double? Penalty, double WeightNorm, double Sparsity, double Seconds)
{
    /// <summary>The CSV header, in the order of <see cref="ToCsv"/>.</summary>
    public const string CsvHeader = "epoch,loss,val_loss,accuracy,val_accuracy,rmse,val_rmse,lr,penalty,weight_norm,sparsity,seconds";

    public static EpochRecord From(EpochMetrics m) => new(
        m.Epoch + 1, Num(m.TrainLoss), Num(m.ValidationLoss), Num(m.TrainAccuracy), Num(m.ValidationAccuracy), Num(m.TrainRmse), Num(m.ValidationRmse),
        m.LearningRate, Num(m.Penalty), m.WeightNorm, m.ZeroFraction, m.Elapsed.TotalSeconds);

    /// <summary>One CSV row: round-trip numbers, an empty cell where a metric does not apply.</summary>
    public string ToCsv() => string.Join(',', Epoch.ToString(Inv), C(Loss), C(ValLoss), C(Accuracy), C(ValAccuracy), C(Rmse), C(ValRmse),
        C(LearningRate), C(Penalty), C(WeightNorm), C(Sparsity), C(Seconds));

    /// <summary>The line <c>--verbose</c> prints: only the metrics that apply.</summary>
    public string ToLine(int epochs)
    {
        var parts = new List<string>(10);
        void Add(string name, double? v, string format) { if (v is { } x) parts.Add($"{name} {x.ToString(format, Inv)}"); }
        Add("loss", Loss, "G4");
        Add("accuracy", Accuracy, "P1");
        Add("rmse", Rmse, "G4");
        Add("val_loss", ValLoss, "G4");
        Add("val_accuracy", ValAccuracy, "P1");
        Add("val_rmse", ValRmse, "G4");
        Add("lr", LearningRate, "G3");
        Add("‖W‖", WeightNorm, "G4");
        if (Sparsity > 0) Add("sparsity", Sparsity, "P0");
        Add("time", Seconds, "G3");
        return $"epoch {Epoch}/{epochs}: " + string.Join(", ", parts) + " s";
    }

    private static readonly IFormatProvider Inv = System.Globalization.CultureInfo.InvariantCulture;

    private static double? Num(double v) => double.IsFinite(v) ? v : null;

    private static string C(double? v) => v is { } x ? x.ToString("R", Inv) : "";
}
