using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Guestfs.Xdr;

/// <summary>
/// Encodes XDR (RFC 4506) data into an <see cref="IBufferWriter{T}"/>. Lengths are checked against their
/// declared maxima before anything is written; a violation is an <see cref="XdrException"/>.
/// </summary>
public ref struct XdrWriter
{
    private readonly IBufferWriter<byte> _output;
    private long _written;

    /// <summary>Creates a writer that appends to <paramref name="output"/>.</summary>
    /// <param name="output">Where the encoded bytes go.</param>
    public XdrWriter(IBufferWriter<byte> output)
    {
        _output = output ?? throw new ArgumentNullException(nameof(output));
        _written = 0;
    }

    /// <summary>Number of bytes written through this writer.</summary>
    public readonly long BytesWritten => _written;

    /// <summary>Writes a signed 32-bit integer (XDR <c>int</c>, enums, <c>char</c>).</summary>
    /// <param name="value">The value.</param>
    public void WriteInt32(int value)
    {
        BinaryPrimitives.WriteInt32BigEndian(_output.GetSpan(4), value);
        Advance(4);
    }

    /// <summary>Writes an unsigned 32-bit integer (XDR <c>unsigned int</c>).</summary>
    /// <param name="value">The value.</param>
    public void WriteUInt32(uint value)
    {
        BinaryPrimitives.WriteUInt32BigEndian(_output.GetSpan(4), value);
        Advance(4);
    }

    /// <summary>Writes a signed 64-bit integer (XDR <c>hyper</c>).</summary>
    /// <param name="value">The value.</param>
    public void WriteInt64(long value)
    {
        BinaryPrimitives.WriteInt64BigEndian(_output.GetSpan(8), value);
        Advance(8);
    }

    /// <summary>Writes an unsigned 64-bit integer (XDR <c>unsigned hyper</c>).</summary>
    /// <param name="value">The value.</param>
    public void WriteUInt64(ulong value)
    {
        BinaryPrimitives.WriteUInt64BigEndian(_output.GetSpan(8), value);
        Advance(8);
    }

    /// <summary>Writes a single-precision float (XDR <c>float</c>).</summary>
    /// <param name="value">The value.</param>
    public void WriteSingle(float value)
    {
        BinaryPrimitives.WriteSingleBigEndian(_output.GetSpan(4), value);
        Advance(4);
    }

    /// <summary>Writes a double-precision float (XDR <c>double</c>).</summary>
    /// <param name="value">The value.</param>
    public void WriteDouble(double value)
    {
        BinaryPrimitives.WriteDoubleBigEndian(_output.GetSpan(8), value);
        Advance(8);
    }

    /// <summary>Writes an XDR <c>bool</c> (0 or 1).</summary>
    /// <param name="value">The value.</param>
    public void WriteBool(bool value) => WriteInt32(value ? 1 : 0);

    /// <summary>Writes the presence flag of XDR optional data (<c>type *name</c>).</summary>
    /// <param name="present">Whether a value follows.</param>
    public void WriteOptionalPresent(bool present) => WriteInt32(present ? 1 : 0);

    /// <summary>Writes a variable-length string (<c>string&lt;max&gt;</c>) as UTF-8.</summary>
    /// <param name="value">The string; <see langword="null"/> is written as empty.</param>
    /// <param name="maxLength">Declared maximum length in bytes; <see cref="uint.MaxValue"/> for none.</param>
    public void WriteString(string? value, uint maxLength = uint.MaxValue)
    {
        value ??= string.Empty;
        int length = Encoding.UTF8.GetByteCount(value);
        CheckLength(length, maxLength, "string");
        int padded = Padded(length);
        Span<byte> span = _output.GetSpan(4 + padded);
        BinaryPrimitives.WriteUInt32BigEndian(span, (uint)length);
        Encoding.UTF8.GetBytes(value, span.Slice(4));
        span.Slice(4 + length, padded - length).Clear();
        Advance(4 + padded);
    }

    /// <summary>Writes variable-length opaque data (<c>opaque&lt;max&gt;</c>).</summary>
    /// <param name="value">The bytes.</param>
    /// <param name="maxLength">Declared maximum length; <see cref="uint.MaxValue"/> for none.</param>
    public void WriteOpaque(ReadOnlySpan<byte> value, uint maxLength = uint.MaxValue)
    {
        CheckLength(value.Length, maxLength, "opaque");
        int padded = Padded(value.Length);
        Span<byte> span = _output.GetSpan(4 + padded);
        BinaryPrimitives.WriteUInt32BigEndian(span, (uint)value.Length);
        value.CopyTo(span.Slice(4));
        span.Slice(4 + value.Length, padded - value.Length).Clear();
        Advance(4 + padded);
    }

    /// <summary>Writes fixed-length opaque data (<c>opaque[length]</c>).</summary>
    /// <param name="value">The bytes; must be exactly <paramref name="length"/> long.</param>
    /// <param name="length">The declared length.</param>
    public void WriteFixedOpaque(ReadOnlySpan<byte> value, int length)
    {
        if (value.Length != length)
        {
            throw new XdrException($"fixed opaque needs exactly {length} bytes but {value.Length} were given", Offset);
        }

        CheckLength(length, uint.MaxValue, "fixed opaque");
        int padded = Padded(length);
        Span<byte> span = _output.GetSpan(padded);
        value.CopyTo(span);
        span.Slice(length, padded - length).Clear();
        Advance(padded);
    }

    /// <summary>Writes the element count of a variable-length array, checked against its maximum.</summary>
    /// <param name="count">Number of elements that follow.</param>
    /// <param name="maxCount">Declared maximum count; <see cref="uint.MaxValue"/> for none.</param>
    public void WriteArrayLength(int count, uint maxCount = uint.MaxValue)
    {
        if (count < 0)
        {
            throw new XdrException($"array length {count} is negative", Offset);
        }

        if ((uint)count > maxCount)
        {
            throw new XdrException($"array length {count} exceeds the declared maximum {maxCount}", Offset);
        }

        WriteUInt32((uint)count);
    }

    /// <summary>
    /// Writes a variable-length array (<c>T name&lt;max&gt;</c>): the checked count, then each element. A failure inside
    /// an element names its index in the exception's field path.
    /// </summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="items">The elements.</param>
    /// <param name="writeElement">Writes one element.</param>
    /// <param name="maxCount">Declared maximum count; <see cref="uint.MaxValue"/> for none.</param>
    public void WriteArray<T>(IReadOnlyList<T> items, XdrWriteAction<T> writeElement, uint maxCount = uint.MaxValue)
    {
        WriteArrayLength(items.Count, maxCount);
        WriteElements(items, writeElement);
    }

    /// <summary>Writes a fixed-length array (<c>T name[count]</c>), which must have exactly <paramref name="count"/> elements.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="items">The elements.</param>
    /// <param name="count">The declared element count.</param>
    /// <param name="writeElement">Writes one element.</param>
    public void WriteFixedArray<T>(IReadOnlyList<T> items, int count, XdrWriteAction<T> writeElement)
    {
        if (items.Count != count)
        {
            throw new XdrException(
                "fixed-length array needs exactly " + count.ToString(CultureInfo.InvariantCulture) + " elements but "
                + items.Count.ToString(CultureInfo.InvariantCulture) + " were given",
                Offset);
        }

        WriteElements(items, writeElement);
    }

    /// <summary>Writes optional data (<c>T *name</c>) of a reference type: the presence flag, then the value if present.</summary>
    /// <typeparam name="T">The value type.</typeparam>
    /// <param name="value">The value, or null.</param>
    /// <param name="writeValue">Writes the value.</param>
    public void WriteOptional<T>(T? value, XdrWriteAction<T> writeValue)
        where T : class
    {
        WriteOptionalPresent(value is not null);
        if (value is not null)
        {
            writeValue(ref this, value);
        }
    }

    /// <summary>Writes optional data (<c>T *name</c>) of a value type: the presence flag, then the value if present.</summary>
    /// <typeparam name="T">The value type.</typeparam>
    /// <param name="value">The value, or null.</param>
    /// <param name="writeValue">Writes the value.</param>
    public void WriteOptionalValue<T>(T? value, XdrWriteAction<T> writeValue)
        where T : struct
    {
        WriteOptionalPresent(value.HasValue);
        if (value is { } present)
        {
            writeValue(ref this, present);
        }
    }

    private const int MaxEncodableLength = int.MaxValue - 8;

    private static int Padded(int length) => (length + 3) & ~3;

    /// <summary>The offset reported by encoding errors: bytes written so far, or -1 past 2 GiB.</summary>
    private readonly int Offset => _written <= int.MaxValue ? (int)_written : -1;

    private readonly void CheckLength(int length, uint maxLength, string what)
    {
        if ((uint)length > maxLength)
        {
            throw new XdrException($"{what} length {length} exceeds the declared maximum {maxLength}", Offset);
        }

        // Length word plus padding must still fit in an int; beyond that no XDR stream can hold it anyway.
        if (length > MaxEncodableLength)
        {
            throw new XdrException($"{what} length {length} is too large to encode", Offset);
        }
    }

    private void Advance(int count)
    {
        _output.Advance(count);
        _written += count;
    }

    private void WriteElements<T>(IReadOnlyList<T> items, XdrWriteAction<T> writeElement)
    {
        for (int i = 0; i < items.Count; i++)
        {
            try
            {
                writeElement(ref this, items[i]);
            }
            catch (XdrException e) when (e.AddPathSegment(XdrException.IndexSegment(i)))
            {
                throw;
            }
        }
    }
}
