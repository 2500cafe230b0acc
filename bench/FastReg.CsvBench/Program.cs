using System.Diagnostics;
using System.Globalization;
using System.Text;
using FastReg.IO;
using nietras.SeparatedValues;

// fastreg CSV reader vs Sep 0.17.1 on one numeric CSV (default: 100 MB of round-trip doubles, 10 columns).
// Usage: dotnet run -c Release --project bench/FastReg.CsvBench [-- FILE [ROUNDS]]
string path = args.Length > 0 ? args[0] : Path.Combine(Path.GetTempPath(), "fastreg-csvbench-100mb.csv");
int rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5;
if (!File.Exists(path)) Generate(path, 100_000_000);
long size = new FileInfo(path).Length;
Console.WriteLine($"{path}: {size:N0} bytes; {rounds} rounds, interleaved; {Environment.ProcessorCount} CPUs");

var own = new List<double>();
var sep = new List<double>();
long ownBytes = 0, sepBytes = 0;
double checkOwn = 0, checkSep = 0;
for (int r = 0; r < rounds; r++)
{
    (double s, long b, double c) = Measure(() => FastRegRead(path));
    own.Add(s); ownBytes = b; checkOwn = c;
    (s, b, c) = Measure(() => SepRead(path));
    sep.Add(s); sepBytes = b; checkSep = c;
}
if (checkOwn != checkSep) throw new InvalidOperationException($"the readers disagree: {checkOwn} vs {checkSep}");
Console.WriteLine($"FastReg Csv.Read : median {Median(own):F2} s ({size / Median(own) / 1e6:F0} MB/s), allocated {ownBytes:N0} bytes ({(double)ownBytes / size:F2}x the file)");
Console.WriteLine($"Sep 0.17.1       : median {Median(sep):F2} s ({size / Median(sep) / 1e6:F0} MB/s), allocated {sepBytes:N0} bytes ({(double)sepBytes / size:F2}x the file)");
Console.WriteLine($"FastReg / Sep time: {Median(own) / Median(sep):F2}; peak working set of this process {Process.GetCurrentProcess().PeakWorkingSet64:N0} bytes");

static (double Seconds, long Bytes, double Check) Measure(Func<double> read)
{
    GC.Collect();
    long before = GC.GetAllocatedBytesForCurrentThread();
    var clock = Stopwatch.StartNew();
    double check = read();
    double seconds = clock.Elapsed.TotalSeconds;
    return (seconds, GC.GetAllocatedBytesForCurrentThread() - before, check);
}

// FastReg: typed columns, every cell a double.
static double FastRegRead(string path)
{
    CsvTable table = Csv.Read(path);
    double sum = 0;
    foreach (DataColumn c in table.DataColumns) sum += c.Numbers![^1];
    return sum;
}

// Sep: the same result, columns of doubles in growable lists, then arrays (as a caller who needs arrays does).
static double SepRead(string path)
{
    using SepReader reader = Sep.Reader(o => o with { Unescape = true, CultureInfo = CultureInfo.InvariantCulture }).FromFile(path);
    int n = reader.Header.ColNames.Count;
    var columns = new List<double>[n];
    for (int j = 0; j < n; j++) columns[j] = new List<double>();
    foreach (SepReader.Row row in reader)
        for (int j = 0; j < n; j++) columns[j].Add(row[j].Parse<double>());
    double sum = 0;
    foreach (List<double> c in columns) sum += c.ToArray()[^1];
    return sum;
}

static double Median(List<double> values)
{
    var sorted = values.Order().ToArray();
    return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
}

static void Generate(string path, long bytes)
{
    var rng = new Random(1);
    using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
    writer.Write("c0,c1,c2,c3,c4,c5,c6,c7,c8,c9\n");
    var line = new StringBuilder();
    long written = 0;
    while (written < bytes)
    {
        line.Clear();
        for (int j = 0; j < 10; j++)
        {
            if (j > 0) line.Append(',');
            line.Append((rng.NextDouble() * 200 - 100).ToString("R", CultureInfo.InvariantCulture));
        }
        line.Append('\n');
        writer.Write(line);
        written += line.Length;
    }
}
