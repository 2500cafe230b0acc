// Embedding sample: load a model saved by `fastreg train --save` and predict the rows of a CSV.
//   dotnet run -c Release --project samples/Embedding -- MODEL.safetensors DATA.csv[.gz]
// Prints one line per row: the predicted class (classifiers) or the outputs (regression), in
// the order of `fastreg predict`'s first column(s).
using System.Globalization;
using FastReg.IO;
using FastReg.Nn;
using FastReg.Samples;

if (args.Length != 2)
{
    Console.Error.WriteLine("usage: FastReg.Samples.Embedding MODEL.safetensors DATA.csv[.gz]");
    return 1;
}
try
{
    SavedModel model = SavedModel.Load(args[0]);
    CsvTable table;
    using (Stream stream = args[1].EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? GzipInput.OpenRead(args[1]) : File.OpenRead(args[1]))
        table = Csv.Read(stream, args[1]);
    double[] x = table.NumericMatrix(model.Features); // the model's columns, by name
    int inputs = model.Network.InputSize, outputs = model.Network.OutputSize, maxBatch = 256;
    InferenceSession<double> session = model.Network.CreateInferenceSession(maxBatch);
    var scaled = new double[maxBatch * inputs];
    var y = new double[maxBatch * outputs];
    using var stdout = new StreamWriter(Console.OpenStandardOutput());
    for (int start = 0; start < table.Rows; start += maxBatch)
    {
        int batch = Math.Min(maxBatch, table.Rows - start);
        model.Predict(session, x.AsSpan(start * inputs, batch * inputs), scaled, y, batch);
        for (int i = 0; i < batch; i++)
        {
            ReadOnlySpan<double> row = y.AsSpan(i * outputs, outputs);
            if (model.Classes is not null) stdout.WriteLine(model.Classes[SavedModel.ArgMax(row)]);
            else stdout.WriteLine(string.Join(',', row.ToArray().Select(v => v.ToString("R", CultureInfo.InvariantCulture))));
        }
    }
    return 0;
}
catch (Exception e) when (e is DataFormatException or IOException or UnauthorizedAccessException)
{
    Console.Error.WriteLine($"FastReg.Samples.Embedding: error: {e.Message}");
    return 1;
}
