using System.Text.RegularExpressions;

namespace FastReg.Tests;

/// <summary>
/// Comments and docs point only at files that exist: every repository path a .cs or .md file cites
/// (starting docs/, src/, bench/, tests/, samples/ or data/) names a file or folder of the checkout.
/// Build outputs (a bin/ or obj/ segment) are left out: they exist only after a build.
/// </summary>
public partial class DocumentationPathTests
{
    [GeneratedRegex(@"(?<![\w/.\-])((?:docs|src|bench|tests|samples|data)/[\w.+\-]+(?:/[\w.+\-]+)*/?)")]
    private static partial Regex CitedPath();

    [Fact]
    public void Every_cited_repository_path_exists()
    {
        string root = RepositoryRoot();
        var missing = new List<string>();
        int cited = 0;
        foreach (string file in SourceAndDocs(root))
        {
            string[] lines = File.ReadAllLines(file);
            for (int i = 0; i < lines.Length; i++)
                foreach (Match m in CitedPath().Matches(lines[i]))
                {
                    string path = m.Groups[1].Value.TrimEnd('.', ',', ';', ':', ')');
                    if (path.Contains("/bin/", StringComparison.Ordinal) || path.Contains("/obj/", StringComparison.Ordinal)) continue;
                    cited++;
                    string full = Path.Combine(root, path);
                    if (!File.Exists(full) && !Directory.Exists(full))
                        missing.Add($"{Path.GetRelativePath(root, file)}:{i + 1} cites {path}");
                }
        }
        Assert.True(cited > 100, $"only {cited} cited paths found: is the scan reading the repository?");
        Assert.Empty(missing);
    }

    static IEnumerable<string> SourceAndDocs(string root)
    {
        var pending = new Stack<string>([root]);
        while (pending.Count > 0)
        {
            string dir = pending.Pop();
            foreach (string sub in Directory.EnumerateDirectories(dir))
            {
                string name = Path.GetFileName(sub);
                if (name is "bin" or "obj" or ".git" or "node_modules" || name.StartsWith('.')) continue;
                pending.Push(sub);
            }
            foreach (string file in Directory.EnumerateFiles(dir))
                if (file.EndsWith(".cs", StringComparison.Ordinal) || file.EndsWith(".md", StringComparison.Ordinal)) yield return file;
        }
    }

    static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "FastReg.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException($"FastReg.sln not found above {AppContext.BaseDirectory}");
    }
}
