using System.Reflection;
using BenchmarkDotNet.Attributes;

namespace FastReg.Bench;

/// <summary>
/// Runs the BenchmarkDotNet classes outside BenchmarkDotNet (quick report, allocation check): finds
/// them, calls their [GlobalSetup]/[GlobalCleanup], and turns a [Benchmark] method into a direct delegate.
/// </summary>
public static class BenchmarkCatalog
{
    /// <summary>The per-path kernel benchmark classes, in name order.</summary>
    public static IEnumerable<Type> PathBenchmarkTypes() => typeof(BenchmarkCatalog).Assembly.GetTypes()
        .Where(t => !t.IsAbstract && t.IsSubclassOf(typeof(PathBenchmark)))
        .OrderBy(t => t.Name, StringComparer.Ordinal);

    /// <summary>The [Benchmark] methods of a class, in declaration order.</summary>
    public static IEnumerable<MethodInfo> Methods(Type type) => type.GetMethods(BindingFlags.Public | BindingFlags.Instance)
        .Where(m => m.GetCustomAttribute<BenchmarkAttribute>() is not null)
        .OrderBy(m => m.MetadataToken);

    /// <summary>Calls the [GlobalSetup] methods.</summary>
    public static void Setup(object bench)
    {
        foreach (MethodInfo m in bench.GetType().GetMethods().Where(m => m.GetCustomAttribute<GlobalSetupAttribute>() is not null))
            m.Invoke(bench, null);
    }

    /// <summary>Calls the [GlobalCleanup] methods.</summary>
    public static void Cleanup(object bench)
    {
        foreach (MethodInfo m in bench.GetType().GetMethods().Where(m => m.GetCustomAttribute<GlobalCleanupAttribute>() is not null))
            m.Invoke(bench, null);
    }

    /// <summary>A direct delegate to the benchmark method (no reflection per call); results go to a sink.</summary>
    public static Action ToAction(MethodInfo m, object target)
    {
        if (m.ReturnType == typeof(void)) return m.CreateDelegate<Action>(target);
        MethodInfo wrap = typeof(BenchmarkCatalog).GetMethod(nameof(Wrap), BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(m.ReturnType);
        Delegate f = m.CreateDelegate(typeof(Func<>).MakeGenericType(m.ReturnType), target);
        return (Action)wrap.Invoke(null, [f])!;
    }

    static Action Wrap<TResult>(Func<TResult> f) => () => Sink<TResult>.Value = f();

    static class Sink<TResult>
    {
        public static TResult? Value;
    }
}
