namespace FastReg.Nn.Training;

/// <summary>
/// Mixup (Zhang, Cisse, Dauphin and Lopez-Paz 2018, "mixup: Beyond Empirical Risk Minimization") as the
/// reference implementation does it per batch: λ ~ Beta(α, α), a random permutation of the batch's rows,
/// x := λ·x + (1 − λ)·x[perm], loss λ·L(y) + (1 − λ)·L(y[perm]). For class labels the loss is the
/// cross-entropy on the mixed one-hot target; for real-valued targets (MSE, BCE) the targets are mixed.
/// λ and the permutation come from a generator keyed by (seed, the model's step): reproducible and
/// independent of threads. Buffers are sized once; a step allocates nothing.
/// </summary>
internal sealed class Mixup<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private const int Stream = int.MaxValue; // a CounterRandom stream no layer uses
    private readonly double _alpha;
    private readonly ulong _seed;
    private readonly int[] _perm, _labelsB;
    private readonly T[] _x, _targets;

    public Mixup(double alpha, ulong seed, int maxBatch, int features, int outputs)
    {
        _alpha = alpha;
        _seed = seed;
        _perm = new int[maxBatch];
        _labelsB = new int[maxBatch];
        _x = new T[maxBatch * features];
        _targets = new T[maxBatch * outputs];
    }

    /// <summary>The mixing weight and permutation of a step (tests read them).</summary>
    internal double Draw(long step, int batch)
    {
        var rng = new SplitMix64(CounterRandom.StreamKey(_seed, step, Stream));
        double a = Gamma(ref rng, _alpha), b = Gamma(ref rng, _alpha);
        double lambda = a + b > 0 ? a / (a + b) : 0.5;
        for (int i = 0; i < batch; i++) _perm[i] = i;
        for (int i = batch - 1; i > 0; i--)
        {
            int j = (int)(rng.NextUniform() * (i + 1));
            (_perm[i], _perm[j]) = (_perm[j], _perm[i]);
        }
        return lambda;
    }

    internal ReadOnlySpan<int> Permutation(int batch) => _perm.AsSpan(0, batch);

    /// <summary>Mixes the batch in place and takes the model's training step on it.</summary>
    public T Step(Sequential<T> model, Span<T> x, ReadOnlySpan<int> labels, Span<T> targets, int batch, bool classification)
    {
        double lambda = Draw(model.Step, batch);
        int features = model.InputSize;
        Mix(x, _x, features, batch, lambda);
        if (classification)
        {
            for (int r = 0; r < batch; r++) _labelsB[r] = labels[_perm[r]];
            return model.TrainStepMixed(x, labels, _labelsB.AsSpan(0, batch), lambda, batch);
        }
        Mix(targets, _targets, model.OutputSize, batch, lambda);
        return model.TrainStep(x, targets, batch);
    }

    // rows := λ·rows + (1 − λ)·rows[perm], through a copy
    private void Mix(Span<T> rows, T[] copy, int width, int batch, double lambda)
    {
        Span<T> original = copy.AsSpan(0, batch * width);
        rows[..(batch * width)].CopyTo(original);
        T l = T.CreateTruncating(lambda), m = T.CreateTruncating(1 - lambda);
        for (int r = 0; r < batch; r++)
        {
            Span<T> row = rows.Slice(r * width, width);
            ReadOnlySpan<T> a = original.Slice(r * width, width), b = original.Slice(_perm[r] * width, width);
            for (int j = 0; j < width; j++) row[j] = l * a[j] + m * b[j];
        }
    }

    /// <summary>Gamma(shape, 1) by Marsaglia and Tsang (2000); shape &lt; 1 through Gamma(shape + 1)·U^(1/shape).</summary>
    private static double Gamma(ref SplitMix64 rng, double shape)
    {
        if (shape < 1) return Gamma(ref rng, shape + 1) * Math.Pow(rng.NextUniform(), 1 / shape);
        double d = shape - 1.0 / 3, c = 1 / Math.Sqrt(9 * d);
        while (true)
        {
            double z = rng.NextNormal(), v = 1 + c * z;
            if (v <= 0) continue;
            v = v * v * v;
            double u = rng.NextUniform();
            if (Math.Log(u) < 0.5 * z * z + d - d * v + d * Math.Log(v)) return d * v;
        }
    }
}
