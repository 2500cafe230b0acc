using System.Numerics;
using System.Runtime.Intrinsics;

namespace FastReg.Simd;

/// <summary>
/// A reduction of floats accumulated in double. <see cref="WideningAggregateDriver"/> loads and
/// widens the floats (half a vector of floats becomes one vector of doubles) and hands the
/// operator two such vectors at a time; the operator folds them into one double accumulator.
/// </summary>
internal interface IWideningAggregateOperator : IAccumulator<double>
{
    static abstract double Accumulate(double acc, double x);
    static abstract Vector<double> Accumulate(Vector<double> acc, Vector<double> lo, Vector<double> hi);
    static abstract Vector256<double> Accumulate(Vector256<double> acc, Vector256<double> lo, Vector256<double> hi);
    static abstract Vector512<double> Accumulate(Vector512<double> acc, Vector512<double> lo, Vector512<double> hi);
}
