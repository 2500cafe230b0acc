using FastReg.Simd;

namespace FastReg.Tests.Simd;

/// <summary>
/// Span misuse at the kernels: lengths that do not match (the message gives the argument and both
/// sizes) and outputs that partially overlap an input. Parameter names alone are pinned by the
/// kernel tests (GemmTests, GemvTests, SgdTests, AdamTests); these pin the messages.
/// </summary>
public class KernelMisuseTests
{
    private static void Contains(string expected, Exception e) => Assert.Contains(expected, e.Message, StringComparison.Ordinal);

    [Fact]
    public void Length_mismatches_give_the_argument_and_both_sizes()
    {
        var e = Assert.Throws<ArgumentException>(() => Reductions.Dot<float>(new float[5], new float[4]));
        Assert.Equal("y", e.ParamName);
        Contains("Length 4 of 'y' does not match the expected length 5", e);

        e = Assert.Throws<ArgumentException>(() => Blas.Gemm(Transpose.No, Transpose.No, 2, 2, 3, 1f, new float[5], 3, new float[6], 2, 0f, new float[4], 2));
        Assert.Equal("a", e.ParamName);
        Contains("'a' has 5 elements but at least 6 are needed", e);

        e = Assert.Throws<ArgumentException>(() => Updates.MaxNormRows<double>(new double[7], 2, 4, 1.0));
        Assert.Equal("w", e.ParamName);
        Contains("Length 7 of 'w' does not match the expected length 8", e);

        e = Assert.Throws<ArgumentException>(() => Updates.TopKMask<float>(new float[10], 3, new float[9]));
        Assert.Equal("scratch", e.ParamName);
        Contains("'scratch' has 9 elements but at least 10 are needed", e);

        Contains("Length 2 of 'z' does not match the expected length 3",
            Assert.Throws<ArgumentException>(() => Elementwise.Multiply<float>(new float[3], new float[3], new float[2])));
    }

    [Fact]
    public void An_output_that_partially_overlaps_an_input_is_refused_and_exact_in_place_is_allowed()
    {
        var buffer = new float[10];
        for (int i = 0; i < buffer.Length; i++) buffer[i] = i;
        var e = Assert.Throws<ArgumentException>(() => Elementwise.Multiply<float>(buffer.AsSpan(0, 8), new float[8], buffer.AsSpan(2, 8)));
        Assert.Equal("z", e.ParamName);
        Contains("'z' partially overlaps an input (offset 2)", e);
        Assert.Equal("y", Assert.Throws<ArgumentException>(() => Elementwise.Axpy<float>(2f, buffer.AsSpan(1, 8), buffer.AsSpan(0, 8))).ParamName);
        Assert.Equal("g", Assert.Throws<ArgumentException>(() => Elementwise.AddScaledSign<float>(1f, buffer.AsSpan(0, 8), buffer.AsSpan(1, 8))).ParamName);

        // Exactly in place: each element is read before it is written.
        Span<float> same = buffer.AsSpan(0, 4);
        Elementwise.Multiply<float>(same, same, same);
        Assert.Equal([0f, 1f, 4f, 9f], buffer[..4]);
    }

    [Fact]
    public void Element_types_other_than_float_and_double_are_refused_naming_the_type()
    {
        Contains("float and double, not Half", Assert.Throws<NotSupportedException>(() => Reductions.Sum<Half>(new Half[3])));
        Contains("float and double, not Half", Assert.Throws<NotSupportedException>(() => Elementwise.Multiply<Half>(new Half[1], new Half[1], new Half[1])));
    }
}
