using FastReg.Nn;

namespace FastReg.Tests.Nn;

/// <summary>
/// The one catalogue of built-ins (src/Nn/Catalog): every enum value has its entry, each entry makes what
/// the public builders make, and the docs tables (docs/extending.md, the README's regularizer table) list
/// every entry as the catalogue states it.
/// </summary>
public class CatalogueTests
{
    [Fact]
    public void Every_activation_has_one_entry_whose_name_is_its_layer_kind()
    {
        Assert.Equal(Enum.GetValues<ActivationKind>(), ActivationCatalog.Entries.Select(e => e.Kind));
        foreach (ActivationEntry e in ActivationCatalog.Entries)
        {
            Assert.Equal(e.Name, new Activation(e.Kind).KindName);
            Assert.Equal(e.Kind, ActivationCatalog.Parse(e.Name));
            LayerKind kind = LayerCatalog.Find(e.Name)!;
            Assert.Equal(e.Summary, kind.Summary);
            Assert.Equal(new Activation(e.Kind), LayerCatalog.Create(e.Name));
        }
        Assert.Throws<ArgumentOutOfRangeException>(() => ActivationCatalog.Name((ActivationKind)9));
        Assert.Contains("relu, tanh, sigmoid, identity", Assert.Throws<ArgumentException>(() => ActivationCatalog.Parse("Relu")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_loss_has_one_entry()
    {
        Assert.Equal(Enum.GetValues<LossKind>().Order(), LossCatalog.Entries.Select(e => e.Kind).Order());
        foreach (LossEntry e in LossCatalog.Entries) Assert.Equal(e.Kind, LossCatalog.Parse(LossCatalog.Name(e.Kind)));
        // Titles label plot axes (train --plot): one per loss, each its own.
        Assert.Equal(LossCatalog.Entries.Count, LossCatalog.Entries.Select(e => e.Title).Where(t => t.Length > 0).Distinct().Count());
        Assert.Equal("mean squared error", LossCatalog.Title(LossKind.MeanSquaredError));
        Assert.Throws<ArgumentOutOfRangeException>(() => LossCatalog.Title((LossKind)9));
    }

    [Fact]
    public void The_penalty_entries_have_distinct_tokens_and_the_sweep_takes_the_sweepable_ones_in_order()
    {
        Assert.Equal(PenaltyCatalog.Entries.Count, PenaltyCatalog.Entries.Select(e => e.Token).Distinct().Count());
        Assert.Equal(["l2", "l1", "elastic-net", "group-lasso", "max-norm", "weight-decay", "l0-gates"], PenaltyCatalog.Swept.Select(e => e.Token));
        foreach (PenaltyEntry e in PenaltyCatalog.Entries)
        {
            Assert.Same(e, PenaltyCatalog.Find(e.Token));
            Assert.Equal("--" + e.Token, e.Flag);
            Assert.Equal(e.Form is RegularizerForm.Term or RegularizerForm.Constraint, e.IsPenalty);
            if (e.Form == RegularizerForm.Term) Assert.NotNull(e.GradCheckSample); // every term of the objective is differenced by gradcheck
        }
        Assert.Null(PenaltyCatalog.Find("l3"));
        Assert.True(PenaltyCatalog.MaxNorm.SmallerIsStronger);
        Assert.Single(PenaltyCatalog.Entries, e => e.SmallerIsStronger);
    }

    [Fact]
    public void Each_penalty_entry_makes_what_its_public_builder_makes()
    {
        Assert.Equal(Penalty.Ridge(0.3), PenaltyCatalog.Ridge.Create(0.3));
        Assert.Equal(Penalty.Lasso(0.3, L1Method.Subgradient), PenaltyCatalog.Lasso.Create(0.3, l1Method: L1Method.Subgradient));
        Assert.Equal(Penalty.ElasticNet(0.3, 0.2), PenaltyCatalog.ElasticNet.Create(0.3, 0.2));
        Assert.Equal(Penalty.MaxNormConstraint(2), PenaltyCatalog.MaxNorm.Create(2));
        Assert.Equal(Penalty.L0TopK(4), PenaltyCatalog.TopK.Create(4));
        // Strength 0 is "off", as the flags' default 0 is, for the constraints whose builders refuse 0.
        Assert.Equal(Penalty.None, PenaltyCatalog.MaxNorm.Create(0));
        Assert.Equal(Penalty.None, PenaltyCatalog.TopK.Create(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => PenaltyCatalog.TopK.Create(2.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => PenaltyCatalog.Ridge.Create(-1));
        foreach (PenaltyEntry e in PenaltyCatalog.Entries.Where(e => !e.IsPenalty))
        {
            Assert.Throws<InvalidOperationException>(() => e.Create(0.1));
            Assert.Throws<InvalidOperationException>(() => e.SetOn(Penalty.None, 0.1));
        }
    }

    [Fact]
    public void Setting_an_entry_on_a_base_penalty_replaces_its_own_terms_only()
    {
        var basePenalty = new Penalty { L2 = 1, L1 = 2, MaxNorm = 3, TopK = 4, L1Method = L1Method.Subgradient, IncludeBiases = true };
        Assert.Equal(basePenalty with { L2 = 0.5 }, PenaltyCatalog.Ridge.SetOn(basePenalty, 0.5));
        Assert.Equal(basePenalty with { L1 = 0.5 }, PenaltyCatalog.Lasso.SetOn(basePenalty, 0.5));
        Assert.Equal(basePenalty with { L1 = 0.4 * 0.25, L2 = 0.4 * (1 - 0.25) }, PenaltyCatalog.ElasticNet.SetOn(basePenalty, 0.4, 0.25));
        Assert.Equal(basePenalty with { MaxNorm = 0 }, PenaltyCatalog.MaxNorm.SetOn(basePenalty, 0));
        Assert.Equal(basePenalty with { TopK = 7 }, PenaltyCatalog.TopK.SetOn(basePenalty, 7));
    }

    [Fact]
    public void Every_gradcheck_sample_passes_the_gradient_check()
    {
        foreach (PenaltyEntry e in PenaltyCatalog.Entries)
        {
            if (e.GradCheckSample is not { } sample) continue;
            var model = new Sequential<double>(4, 6, LossKind.MeanSquaredError, [new Dense(5), new Activation(ActivationKind.Tanh), new Dense(3)], seed: 3) { Penalty = sample.Penalty };
            double[] x = [.. Enumerable.Range(0, 24).Select(i => Math.Sin(i * 0.7))];
            double[] y = [.. Enumerable.Range(0, 18).Select(i => Math.Cos(i * 0.3))];
            GradientCheckResult r = GradientChecker.Check(model, x, y, 6);
            Assert.True(r.Passed, $"{sample.Label}: {r.Message}");
        }
    }

    [Fact]
    public void The_extending_guide_lists_every_catalogue_entry_as_the_catalogue_states_it()
    {
        string doc = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "extending.md"));
        List<string[]> rows = TableRows(doc);
        var missing = new List<string>();
        foreach (LayerKind k in LayerCatalog.Kinds.Where(k => k.Sample.GetType().Assembly == typeof(Dense).Assembly))
            Expect(["`" + LayerCatalog.Token(k.Sample) + "`", k.Summary]);
        foreach (ActivationEntry a in ActivationCatalog.Entries) Expect(["`" + a.Name + "`", a.Summary]);
        foreach (LossEntry l in LossCatalog.Entries) Expect(["`" + l.Name + "`", l.Summary]);
        foreach (PenaltyEntry p in PenaltyCatalog.Entries)
            Expect([p.Name, "`" + p.Token + "`", p.Form.ToString(), p.Sweepable ? "yes" : "no", "`" + p.Library + "`", p.Formula, p.GradCheckSample?.Label ?? ""]);
        Assert.Empty(missing);

        void Expect(string[] cells)
        {
            if (!rows.Any(r => r.SequenceEqual(cells))) missing.Add("| " + string.Join(" | ", cells) + " |");
        }
    }

    [Fact]
    public void The_readme_regularizer_table_has_a_row_for_every_penalty_entry_with_its_library_call_and_flag()
    {
        string readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md"));
        List<string[]> rows = TableRows(readme);
        foreach (PenaltyEntry p in PenaltyCatalog.Entries)
            Assert.True(rows.Any(r => r.Length == 3 && r[1].Contains("`" + p.Library, StringComparison.Ordinal) && r[2].Contains("`" + p.Flag, StringComparison.Ordinal)),
                $"README.md's regularizer table has no row with `{p.Library}` and `{p.Flag}`.");
    }

    /// <summary>Every markdown table row's cells, trimmed, with escaped pipes (\|) read as pipes.</summary>
    private static List<string[]> TableRows(string markdown)
    {
        var rows = new List<string[]>();
        foreach (string line in markdown.Split('\n'))
        {
            string t = line.Trim();
            if (!t.StartsWith('|') || !t.EndsWith('|') || t.StartsWith("|---", StringComparison.Ordinal)) continue;
            var cells = new List<string>();
            var cell = new System.Text.StringBuilder();
            for (int i = 1; i < t.Length - 1; i++)
            {
                if (t[i] == '\\' && t[i + 1] == '|') { cell.Append('|'); i++; }
                else if (t[i] == '|') { cells.Add(cell.ToString().Trim()); cell.Clear(); }
                else cell.Append(t[i]);
            }
            cells.Add(cell.ToString().Trim());
            rows.Add([.. cells]);
        }
        return rows;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "FastReg.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException($"FastReg.sln not found above {AppContext.BaseDirectory}");
    }
}
