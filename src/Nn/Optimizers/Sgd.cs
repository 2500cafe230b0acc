using System.Runtime.CompilerServices;
using FastReg.Simd;

namespace FastReg.Nn;

/// <summary>
/// torch.optim.SGD: g := ∇ + weight_decay·w; with momentum μ, buf := g on the first step and
/// buf := μ·buf + (1 − dampening)·g after; g := g + μ·buf (nesterov) or buf; w := w − lr·g.
/// Coupled weight decay wd on plain SGD equals the L2 penalty with λ = wd·m.
/// </summary>
public sealed class Sgd : Optimizer
{
    /// <summary>Creates the optimizer with PyTorch's parameter names and defaults.</summary>
    public Sgd(double lr, double momentum = 0, double dampening = 0, double weightDecay = 0, bool nesterov = false) : base(lr)
    {
        Momentum = RequireNonNegative(momentum, nameof(momentum));
        Dampening = RequireNonNegative(dampening, nameof(dampening));
        WeightDecay = RequireNonNegative(weightDecay, nameof(weightDecay));
        if (nesterov && (momentum <= 0 || dampening != 0))
            throw new ArgumentException("Nesterov momentum requires a momentum and zero dampening.", nameof(nesterov));
        Nesterov = nesterov;
    }

    /// <summary>Momentum factor μ (0: none).</summary>
    public double Momentum { get; }

    /// <summary>Dampening of the momentum's gradient term.</summary>
    public double Dampening { get; }

    /// <summary>Coupled weight decay (L2 added to the gradient).</summary>
    public double WeightDecay { get; }

    /// <summary>Nesterov momentum.</summary>
    public bool Nesterov { get; }

    internal override int StateSlots => Momentum != 0 ? 1 : 0;

    private protected override string Hyperparameters() =>
        $"lr={Number(Lr)}, momentum={Number(Momentum)}, dampening={Number(Dampening)}, weight_decay={Number(WeightDecay)}, nesterov={Flag(Nesterov)}";

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal override void Step<T>(ParameterArena<T> arena, ParameterTensor[] tensors, long step)
    {
        bool first = step == 1;
        foreach (ParameterTensor t in tensors)
        {
            var settings = new SgdSettings<T>(LrOf(t), Momentum, Dampening, DecayOf(t, WeightDecay), Nesterov);
            Span<T> buf = Momentum != 0 ? arena.State(0, t) : default;
            NnKernels.SgdMomentum(arena.Parameter(t), arena.Gradient(t), buf, settings, first);
        }
    }
}
