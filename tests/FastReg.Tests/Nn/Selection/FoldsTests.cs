using FastReg.Nn.Selection;
using FsCheck;
using FsCheck.Fluent;

namespace FastReg.Tests.Nn.Selection;

public class FoldsTests
{
    private static readonly Config Quick = Config.QuickThrowOnFailure.WithMaxTest(200);

    private static Gen<(int N, int K, int Seed)> Sizes =>
        from k in Gen.Choose(2, 10)
        from n in Gen.Choose(k, 300)
        from seed in Gen.Choose(0, int.MaxValue)
        select (n, k, seed);

    [Fact]
    public void KFold_partitions_are_disjoint_cover_everything_and_balanced() =>
        Prop.ForAll(Arb.From(Sizes), t =>
        {
            int[] fold = Folds.KFold(t.N, t.K, shuffle: true, (ulong)t.Seed);
            var seen = new bool[t.N];
            int minSize = int.MaxValue, maxSize = 0;
            for (int f = 0; f < t.K; f++)
            {
                var (train, test) = Folds.Split(fold, f);
                if (train.Length + test.Length != t.N) return false;
                foreach (int i in test) { if (seen[i]) return false; seen[i] = true; }
                if (train.Intersect(test).Any()) return false;
                minSize = Math.Min(minSize, test.Length);
                maxSize = Math.Max(maxSize, test.Length);
            }
            return seen.All(s => s) && maxSize - minSize <= 1;
        }).Check(Quick);

    [Fact]
    public void Stratified_kfold_keeps_each_class_within_one_of_its_share() =>
        Prop.ForAll(Arb.From(from s in Sizes from classes in Gen.Choose(1, 6) select (s, classes)), t =>
        {
            var ((n, k, seed), classes) = t;
            var rng = new Random(seed);
            int[] labels = new int[n];
            for (int i = 0; i < n; i++) labels[i] = rng.Next(classes) * rng.Next(1, 3) % classes; // unbalanced classes
            int[] fold = Folds.StratifiedKFold(labels, k, (ulong)seed);
            var seen = new bool[n];
            for (int c = 0; c < classes; c++)
            {
                var counts = new int[k];
                for (int i = 0; i < n; i++) if (labels[i] == c) counts[fold[i]]++;
                if (counts.Max() - counts.Min() > 1) return false;
            }
            var sizes = new int[k];
            foreach (int f in fold) { if (f < 0 || f >= k) return false; sizes[f]++; }
            return sizes.Max() - sizes.Min() <= 1;
        }).Check(Quick);

    [Fact]
    public void Folds_are_reproducible_for_a_seed_and_differ_across_seeds()
    {
        Assert.Equal(Folds.KFold(100, 5, true, 7), Folds.KFold(100, 5, true, 7));
        Assert.NotEqual(Folds.KFold(100, 5, true, 7), Folds.KFold(100, 5, true, 8));
        // Without shuffling, folds are contiguous blocks as in scikit-learn: sizes 3,3,2,2 for n=10, k=4.
        Assert.Equal(new[] { 0, 0, 0, 1, 1, 1, 2, 2, 3, 3 }, Folds.KFold(10, 4, shuffle: false));
    }

    [Fact]
    public void Stratified_holdout_gives_each_class_its_share()
    {
        int[] labels = new int[1000];
        for (int i = 0; i < labels.Length; i++) labels[i] = i < 700 ? 0 : i < 900 ? 1 : 2;
        var (train, valid) = Folds.StratifiedHoldout(labels, 0.2, seed: 3);
        Assert.Equal(200, valid.Length);
        Assert.Equal(800, train.Length);
        Assert.InRange(valid.Count(i => labels[i] == 0), 139, 141);
        Assert.InRange(valid.Count(i => labels[i] == 1), 39, 41);
        Assert.InRange(valid.Count(i => labels[i] == 2), 19, 21);
        Assert.Empty(train.Intersect(valid));
    }

    [Fact]
    public void Bad_fold_requests_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Folds.KFold(10, 1));
        Assert.Throws<ArgumentException>(() => Folds.KFold(3, 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => Folds.Holdout(10, 1.0));
        Assert.Throws<ArgumentException>(() => Folds.Holdout(3, 0.1)); // rounds to 0 validation examples
        Assert.Throws<ArgumentException>(() => Folds.StratifiedKFold([0, -1, 1, 0], 2));
    }
}
