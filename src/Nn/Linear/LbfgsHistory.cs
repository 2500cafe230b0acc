using System.Runtime.CompilerServices;

namespace FastReg.Nn.Linear;

/// <summary>
/// The last m curvature pairs s = θ⁺ − θ, y = ∇f(θ⁺) − ∇f(θ) of L-BFGS in a ring, and the two-loop
/// recursion that applies the inverse-Hessian estimate H to a vector (Nocedal and Wright,
/// Numerical Optimization, algorithm 7.4), scaled by γ = sᵀy / yᵀy of the newest pair.
/// Sized once; nothing allocates after construction.
/// </summary>
internal sealed class LbfgsHistory
{
    private readonly double[] _s, _y;  // [capacity, n]
    private readonly double[] _rho, _alpha;
    private readonly int _n;
    private int _newest = -1;

    public LbfgsHistory(int capacity, int n)
    {
        Capacity = capacity;
        _n = n;
        _s = new double[capacity * n];
        _y = new double[capacity * n];
        _rho = new double[capacity];
        _alpha = new double[capacity];
    }

    public int Capacity { get; }

    /// <summary>Pairs held now.</summary>
    public int Count { get; private set; }

    public void Clear()
    {
        Count = 0;
        _newest = -1;
    }

    /// <summary>
    /// Adds the pair if sᵀy is safely positive (the curvature condition; the strong Wolfe search
    /// guarantees it on smooth problems, the orthant-wise search does not), else skips it and says so.
    /// </summary>
    public bool TryAdd(ReadOnlySpan<double> s, ReadOnlySpan<double> y)
    {
        double sy = NnKernels.Dot(s, y), yy = NnKernels.Dot(y, y);
        if (!(sy > 1e-10 * yy) || !(yy > 0) || !double.IsFinite(sy)) return false;
        _newest = (_newest + 1) % Capacity;
        s.CopyTo(S(_newest));
        y.CopyTo(Y(_newest));
        _rho[_newest] = 1.0 / sy;
        if (Count < Capacity) Count++;
        return true;
    }

    /// <summary>direction = −H·gradient.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Direction(ReadOnlySpan<double> gradient, Span<double> direction)
    {
        gradient.CopyTo(direction);
        Span<double> q = direction;
        int slot = _newest;
        for (int i = 0; i < Count; i++)
        {
            double a = _rho[slot] * NnKernels.Dot(S(slot), q);
            _alpha[slot] = a;
            NnKernels.Axpy(-a, Y(slot), q);
            slot = slot == 0 ? Capacity - 1 : slot - 1;
        }
        if (Count > 0)
        {
            ReadOnlySpan<double> yNewest = Y(_newest);
            double gamma = 1.0 / (_rho[_newest] * NnKernels.Dot(yNewest, yNewest));
            Scale(gamma, q);
        }
        // slot now points just before the oldest pair: walk forward, oldest to newest.
        for (int i = 0; i < Count; i++)
        {
            slot = slot == Capacity - 1 ? 0 : slot + 1;
            double beta = _rho[slot] * NnKernels.Dot(Y(slot), q);
            NnKernels.Axpy(_alpha[slot] - beta, S(slot), q);
        }
        Scale(-1.0, q);
    }

    // The parameter vector is k·(d + 1) long: a plain loop (no Simd kernel scales in place).
    private static void Scale(double c, Span<double> v)
    {
        for (int i = 0; i < v.Length; i++) v[i] *= c;
    }

    private Span<double> S(int slot) => _s.AsSpan(slot * _n, _n);

    private Span<double> Y(int slot) => _y.AsSpan(slot * _n, _n);
}
