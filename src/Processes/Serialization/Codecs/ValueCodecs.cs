using System;
using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace Processes.Serialization.Codecs;

/// <summary>
/// The codec of an enum: its underlying integer through <typeparamref name="TUnderlyingCodec"/>.
/// Not for use in user code.
/// </summary>
/// <typeparam name="TEnum">The enum type.</typeparam>
/// <typeparam name="TUnderlying">Its underlying integer type.</typeparam>
/// <typeparam name="TUnderlyingCodec">The codec of the underlying type.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct EnumCodec<TEnum, TUnderlying, TUnderlyingCodec> : IUnmanagedValueCodec<TEnum>
    where TEnum : struct, Enum
    where TUnderlying : struct
    where TUnderlyingCodec : IUnmanagedValueCodec<TUnderlying>
{
    /// <inheritdoc />
    public static int MinimumSize => TUnderlyingCodec.MinimumSize;

    /// <inheritdoc />
    public static int Alignment => TUnderlyingCodec.Alignment;

    /// <inheritdoc />
    public static bool IsRawCopy => TUnderlyingCodec.IsRawCopy;

    /// <inheritdoc />
    public static void Write(ProcessWriter writer, TEnum value) => TUnderlyingCodec.Write(writer, Unsafe.BitCast<TEnum, TUnderlying>(value));

    /// <inheritdoc />
    public static TEnum Read(ref ProcessReader reader) => Unsafe.BitCast<TUnderlying, TEnum>(TUnderlyingCodec.Read(ref reader));
}

/// <summary>
/// The codec of a <see cref="Nullable{T}"/> of an unmanaged value, in its raw struct layout (see
/// <see cref="ProcessWriter.WriteNullable{T, TCodec}"/>). Not for use in user code.
/// </summary>
/// <typeparam name="T">The value type.</typeparam>
/// <typeparam name="TCodec">The value's codec.</typeparam>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct NullableCodec<T, TCodec> : IValueCodec<T?>
    where T : struct
    where TCodec : IUnmanagedValueCodec<T>
{
    /// <inheritdoc />
    public static int MinimumSize => TCodec.Alignment + TCodec.MinimumSize;

    /// <inheritdoc />
    public static void Write(ProcessWriter writer, T? value) => writer.WriteNullable<T, TCodec>(value);

    /// <inheritdoc />
    public static T? Read(ref ProcessReader reader) => reader.ReadNullable<T, TCodec>();
}
