using System.Text.RegularExpressions;
using FastReg.Nn;

namespace FastReg.Tests.Cli;

/// <summary>
/// The CLI and the testing helpers ask a loss (its <see cref="LossEntry"/>) instead of naming one, so that a new loss
/// is its file plus its <see cref="LossCatalog"/> entry: no source under src/Cli or src/Testing may spell a LossKind
/// value (a switch case, a comparison or a fixed choice; the automatic choices go by their --loss names).
/// </summary>
public class LossQuestionTests
{
    [Fact]
    public void No_CLI_or_testing_source_names_a_LossKind_value()
    {
        string root = RepositoryRoot();
        var named = new Regex(@"\bLossKind\s*\.\s*(" + string.Join("|", Enum.GetNames<LossKind>()) + @")\b");
        var found = new List<string>();
        int files = 0;
        foreach (string dir in new[] { "src/Cli", "src/Testing" })
            foreach (string file in Directory.EnumerateFiles(Path.Combine(root, dir), "*.cs", SearchOption.AllDirectories))
            {
                if (file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") || file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}")) continue;
                files++;
                string[] lines = File.ReadAllLines(file);
                for (int i = 0; i < lines.Length; i++)
                    if (named.IsMatch(lines[i])) found.Add($"{Path.GetRelativePath(root, file)}:{i + 1}: {lines[i].Trim()}");
            }
        Assert.True(files > 10, $"only {files} source files found under src/Cli and src/Testing");
        Assert.True(found.Count == 0, "ask the loss's LossEntry instead:\n" + string.Join("\n", found));
    }

    [Fact]
    public void The_scan_sees_a_value_name()
    {
        var named = new Regex(@"\bLossKind\s*\.\s*(" + string.Join("|", Enum.GetNames<LossKind>()) + @")\b");
        Assert.Matches(named, "case LossKind.MeanSquaredError:");
        Assert.DoesNotMatch(named, "LossKind loss = LossCatalog.Parse(\"mse\");");
    }

    [Fact]
    public void The_entries_answer_what_the_CLI_asks()
    {
        LossEntry mse = LossCatalog.Entry(LossKind.MeanSquaredError), ce = LossCatalog.Entry(LossKind.SoftmaxCrossEntropy),
            bce = LossCatalog.Entry(LossKind.BinaryCrossEntropyWithLogits);
        Assert.True(ce.TakesLabels && ce.IsClassifier && ce.SmoothsLabels && !ce.HasIndependentLogits);
        Assert.True(!mse.TakesLabels && !mse.IsClassifier && mse.ScalesTargets && mse.LossUnits(3) == 9 && mse.SampleTargets == (-1, 1));
        Assert.True(!bce.TakesLabels && bce.IsClassifier && bce.HasIndependentLogits && !bce.ScalesTargets && bce.LossUnits(3) == 1);
        Assert.True(bce.AcceptsTarget(1) && !bce.AcceptsTarget(1.5) && bce.TargetDomain == "[0, 1]" && bce.SampleTargets == (0, 1));
        Assert.Equal("ce", LossCatalog.Names(e => e.SmoothsLabels));
    }

    static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "FastReg.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException($"FastReg.sln not found above {AppContext.BaseDirectory}");
    }
}
