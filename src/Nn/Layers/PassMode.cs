namespace FastReg.Nn;

/// <summary>
/// How a forward pass runs: <see cref="Training"/> turns noise on (dropout masks, sampled gates);
/// <see cref="Seed"/> and <see cref="Step"/> key that noise (with the layer's index, through
/// <see cref="CounterRandom.StreamKey"/>), so a step's masks are a pure function of them.
/// </summary>
/// <param name="Training">True in training passes and gradient checks, false in inference.</param>
/// <param name="Seed">The model's seed.</param>
/// <param name="Step">The model's training step.</param>
public readonly record struct PassMode(bool Training, ulong Seed, long Step);
