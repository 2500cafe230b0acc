using System.Globalization;
using System.Reflection;

namespace FastReg.Bench;

/// <summary>
/// The exact allocation check behind the "0 bytes per kernel call" target: every [Benchmark] method of
/// the per-path classes, at every size and accelerated path, warmed up once, then
/// GC.GetAllocatedBytesForCurrentThread around two more calls. (BenchmarkDotNet's in-process
/// MemoryDiagnoser counts the whole process, so other threads' bytes can show up in its column.)
/// Writes TSV: class, kernel, path, size, bytes per call.
/// </summary>
public static class AllocationCheck
{
    /// <summary>Runs the check; returns the number of allocating cases.</summary>
    public static int Run(TextWriter o)
    {
        int cases = 0, allocating = 0;
        o.WriteLine("class\tkernel\tpath\tsize\tbytes_per_call");
        foreach (Type type in BenchmarkCatalog.PathBenchmarkTypes())
            foreach (int size in BenchSizes.Sizes)
                foreach (var path in BenchSizes.Paths)
                {
                    var bench = (PathBenchmark)Activator.CreateInstance(type)!;
                    bench.Size = size;
                    bench.Path = path;
                    BenchmarkCatalog.Setup(bench);
                    foreach (MethodInfo m in BenchmarkCatalog.Methods(type))
                    {
                        Action call = BenchmarkCatalog.ToAction(m, bench);
                        call();
                        long before = GC.GetAllocatedBytesForCurrentThread();
                        call();
                        call();
                        long perCall = (GC.GetAllocatedBytesForCurrentThread() - before) / 2;
                        cases++;
                        if (perCall != 0) allocating++;
                        o.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{type.Name}\t{m.Name}\t{path}\t{size}\t{perCall}"));
                    }
                    BenchmarkCatalog.Cleanup(bench);
                    GC.Collect();
                }
        Console.Error.WriteLine($"allocation check: {cases} cases, {allocating} allocating");
        return allocating;
    }
}
