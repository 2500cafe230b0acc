using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace FastReg.Simd;

/// <summary>Argument checks shared by every kernel; throwing lives out of line so hot paths stay small.</summary>
internal static class ThrowHelper
{
    /// <summary>Throws unless <typeparamref name="T"/> is float or double (a JIT-time constant check).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void RequireFloatOrDouble<T>()
    {
        if (typeof(T) != typeof(float) && typeof(T) != typeof(double)) ThrowUnsupportedType(typeof(T));
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming <paramref name="name"/> when its length differs from <paramref name="expected"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void RequireSameLength(int expected, int actual, string name)
    {
        if (actual != expected) ThrowLengthMismatch(expected, actual, name);
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming <paramref name="name"/> when its length is below <paramref name="required"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void RequireAtLeast(long required, int actual, string name)
    {
        if (actual < required) ThrowTooShort(required, actual, name);
    }

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming <paramref name="name"/> for a negative value.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void RequireNonNegative(long value, string name)
    {
        if (value < 0) ThrowNegative(value, name);
    }

    /// <summary>In place is fine (each element is read before it is written); a shifted overlap is not.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void RequireSameOrDisjoint<T>(ReadOnlySpan<T> input, ReadOnlySpan<T> output, string outputName)
    {
        if (input.Overlaps(output, out int offset) && offset != 0) ThrowPartialOverlap(offset, outputName);
    }

    /// <summary>Work space and optimizer state share no element with another argument.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void RequireDisjoint<T>(ReadOnlySpan<T> other, ReadOnlySpan<T> span, string name)
    {
        if (span.Overlaps(other)) ThrowArgument($"'{name}' overlaps another argument; it needs memory of its own.", name);
    }

    [DoesNotReturn]
    public static void ThrowPartialOverlap(int offset, string name) =>
        throw new ArgumentException($"'{name}' partially overlaps an input (offset {offset}); pass the same span for in place, or disjoint spans.", name);

    [DoesNotReturn]
    public static void ThrowUnsupportedType(Type t) =>
        throw new NotSupportedException($"FastReg kernels support float and double, not {t.Name}.");

    [DoesNotReturn]
    public static void ThrowLengthMismatch(long expected, long actual, string name) =>
        throw new ArgumentException($"Length {actual} of '{name}' does not match the expected length {expected}.", name);

    [DoesNotReturn]
    public static void ThrowTooShort(long required, long actual, string name) =>
        throw new ArgumentException($"'{name}' has {actual} elements but at least {required} are needed.", name);

    [DoesNotReturn]
    public static void ThrowNegative(long value, string name) =>
        throw new ArgumentOutOfRangeException(name, value, $"'{name}' must not be negative.");

    [DoesNotReturn]
    public static void ThrowArgument(string message, string name) =>
        throw new ArgumentException(message, name);
}
