namespace FastReg.Nn.Selection;

/// <summary>Squared-error decomposition of the expected test loss over bootstrap rounds.</summary>
/// <param name="ExpectedLoss">Mean over rounds and test points of (ŷ − y)².</param>
/// <param name="BiasSquared">Mean of (ȳ̂ − y)², ȳ̂ the mean prediction over rounds; measured against the
/// observed y, so it includes the noise (this is what mlxtend's bias_variance_decomp reports as bias).</param>
/// <param name="Variance">Mean of (ŷ − ȳ̂)². ExpectedLoss = BiasSquared + Variance exactly.</param>
/// <param name="Noise">Estimate of the irreducible error σ² (NaN when not estimated).</param>
public sealed record SquaredErrorDecomposition(double ExpectedLoss, double BiasSquared, double Variance, double Noise)
{
    /// <summary>Bias² with the noise estimate taken out (BiasSquared − Noise, at least 0): the model's own bias.</summary>
    public double BiasSquaredWithoutNoise => double.IsNaN(Noise) ? double.NaN : Math.Max(BiasSquared - Noise, 0);
}

/// <summary>0-1 loss decomposition (Domingos 2000), as mlxtend's bias_variance_decomp(loss='0-1_loss').</summary>
/// <param name="ExpectedLoss">Mean over rounds and test points of [ŷ ≠ y].</param>
/// <param name="Bias">Mean of [main prediction ≠ y]; the main prediction is the mode over rounds.</param>
/// <param name="Variance">Mean of [ŷ ≠ main prediction].</param>
public sealed record ZeroOneDecomposition(double ExpectedLoss, double Bias, double Variance);

/// <summary>The arithmetic of the bias-variance decomposition, given each round's test predictions.</summary>
public static class BiasVarianceMath
{
    /// <summary>Decomposes squared error. <paramref name="predictions"/> is rounds × nTest, row-major.</summary>
    public static SquaredErrorDecomposition SquaredError(ReadOnlySpan<double> predictions, int rounds, ReadOnlySpan<double> y, double noise = double.NaN)
    {
        int n = CheckShape(predictions.Length, rounds, y.Length, nameof(predictions), nameof(y));
        double loss = 0, bias2 = 0, variance = 0;
        for (int j = 0; j < n; j++)
        {
            double mean = 0;
            for (int r = 0; r < rounds; r++) mean += predictions[r * n + j];
            mean /= rounds;
            bias2 += (mean - y[j]) * (mean - y[j]);
            for (int r = 0; r < rounds; r++)
            {
                double p = predictions[r * n + j];
                loss += (p - y[j]) * (p - y[j]);
                variance += (p - mean) * (p - mean);
            }
        }
        return new SquaredErrorDecomposition(loss / (rounds * (double)n), bias2 / n, variance / (rounds * (double)n), noise);
    }

    /// <summary>Decomposes 0-1 loss. <paramref name="predictions"/> is rounds × nTest class labels, row-major.</summary>
    public static ZeroOneDecomposition ZeroOne(ReadOnlySpan<int> predictions, int rounds, ReadOnlySpan<int> y)
    {
        int n = CheckShape(predictions.Length, rounds, y.Length, nameof(predictions), nameof(y));
        int maxLabel = 0;
        foreach (int p in predictions) maxLabel = Math.Max(maxLabel, p);
        foreach (int t in y) maxLabel = Math.Max(maxLabel, t);
        var votes = new int[maxLabel + 1];
        long wrong = 0, biased = 0, varied = 0;
        for (int j = 0; j < n; j++)
        {
            Array.Clear(votes);
            for (int r = 0; r < rounds; r++)
            {
                int p = predictions[r * n + j];
                if (p < 0) throw new ArgumentException($"Predicted label {p} is negative.", nameof(predictions));
                votes[p]++;
            }
            int main = 0; // mode; ties go to the smallest label, as numpy's argmax over bincount
            for (int c = 1; c < votes.Length; c++) if (votes[c] > votes[main]) main = c;
            if (main != y[j]) biased++;
            for (int r = 0; r < rounds; r++)
            {
                int p = predictions[r * n + j];
                if (p != y[j]) wrong++;
                if (p != main) varied++;
            }
        }
        return new ZeroOneDecomposition(wrong / (rounds * (double)n), biased / (double)n, varied / (rounds * (double)n));
    }

    /// <summary>
    /// Model-free estimate of the noise variance σ² from the data alone: half the mean squared
    /// difference between each target and the target of its nearest neighbour in feature space
    /// (the first-nearest-neighbour difference estimator; consistent when the regression function is
    /// smooth and the points dense). <paramref name="x"/> is n × d, row-major. O(n²·d).
    /// </summary>
    public static double NearestNeighbourNoise(ReadOnlySpan<double> x, int d, ReadOnlySpan<double> y)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(d);
        int n = y.Length;
        if (n < 2) throw new ArgumentException("At least two points are needed to estimate noise.", nameof(y));
        if (x.Length != (long)n * d) throw new ArgumentException($"x has {x.Length} values, expected {n}·{d}.", nameof(x));
        double sum = 0;
        for (int i = 0; i < n; i++)
        {
            double bestDist = double.PositiveInfinity;
            int nearest = -1;
            for (int j = 0; j < n; j++)
            {
                if (j == i) continue;
                double dist = 0;
                for (int c = 0; c < d; c++)
                {
                    double diff = x[i * d + c] - x[j * d + c];
                    dist += diff * diff;
                }
                if (dist < bestDist) { bestDist = dist; nearest = j; }
            }
            double dy = y[i] - y[nearest];
            sum += dy * dy;
        }
        return sum / (2.0 * n);
    }

    private static int CheckShape(int predictionCount, int rounds, int n, string predictionsName, string yName)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rounds);
        if (n == 0) throw new ArgumentException("No test points.", yName);
        if (predictionCount != (long)rounds * n)
            throw new ArgumentException($"{predictionCount} predictions for {rounds} rounds × {n} test points.", predictionsName);
        return n;
    }
}
