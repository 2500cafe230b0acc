// Loads a model saved by `fastreg train --save` in one call and prints the predicted class (or the
// values) of every row of a CSV, one per line: the first column of `fastreg predict`'s output.
using System.Globalization;
using FastReg.IO;
using FastReg.Nn;

if (args.Length != 2)
{
    Console.Error.WriteLine("usage: ModelApp MODEL.safetensors DATA.csv");
    return 2;
}
try
{
    TrainedModel<double> model = TrainedModel<double>.Load(args[0]);    // network, preprocessing, classes
    CsvTable table = Csv.Read(args[1]);
    var columns = new List<DataColumn>();
    foreach (var input in model.Inputs)                                  // the raw columns, by name
        columns.Add(input.IsText ? DataColumn.Text(input.Name, table.TextColumn(input.Name))
                                 : DataColumn.Numeric(input.Name, table.NumericMatrix([input.Name])));
    Predictions predictions = model.Predict(columns);
    using var stdout = new StreamWriter(Console.OpenStandardOutput());
    for (int r = 0; r < predictions.Rows; r++)
        stdout.WriteLine(predictions.Classes is { } classes ? classes[r]
            : predictions.Outputs[r * predictions.Width].ToString("R", CultureInfo.InvariantCulture));
    return 0;
}
catch (Exception e) when (e is DataFormatException or IOException or ArgumentException)
{
    Console.Error.WriteLine($"ModelApp: error: {e.Message}");
    return 1;
}
