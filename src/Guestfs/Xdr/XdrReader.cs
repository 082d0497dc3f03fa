using System;
using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Guestfs.Xdr;

/// <summary>
/// Decodes XDR (RFC 4506) data from a span. Every length is checked against its declared maximum and
/// against the bytes that remain before anything is allocated, so hostile input cannot force a large
/// allocation; every violation is an <see cref="XdrException"/>.
/// </summary>
public ref struct XdrReader
{
    private readonly ReadOnlySpan<byte> _buffer;
    private int _position;

    /// <summary>Creates a reader over <paramref name="buffer"/>, positioned at its start.</summary>
    /// <param name="buffer">The encoded bytes.</param>
    public XdrReader(ReadOnlySpan<byte> buffer)
    {
        _buffer = buffer;
        _position = 0;
    }

    /// <summary>Number of bytes consumed so far.</summary>
    public readonly int Position => _position;

    /// <summary>Number of bytes not yet consumed.</summary>
    public readonly int Remaining => _buffer.Length - _position;

    /// <summary>Reads a signed 32-bit integer (XDR <c>int</c>, also used for enums and <c>char</c>).</summary>
    /// <returns>The value.</returns>
    public int ReadInt32() => BinaryPrimitives.ReadInt32BigEndian(Take(4));

    /// <summary>Reads an unsigned 32-bit integer (XDR <c>unsigned int</c>).</summary>
    /// <returns>The value.</returns>
    public uint ReadUInt32() => BinaryPrimitives.ReadUInt32BigEndian(Take(4));

    /// <summary>Reads a signed 64-bit integer (XDR <c>hyper</c>).</summary>
    /// <returns>The value.</returns>
    public long ReadInt64() => BinaryPrimitives.ReadInt64BigEndian(Take(8));

    /// <summary>Reads an unsigned 64-bit integer (XDR <c>unsigned hyper</c>).</summary>
    /// <returns>The value.</returns>
    public ulong ReadUInt64() => BinaryPrimitives.ReadUInt64BigEndian(Take(8));

    /// <summary>Reads a single-precision float (XDR <c>float</c>).</summary>
    /// <returns>The value.</returns>
    public float ReadSingle() => BinaryPrimitives.ReadSingleBigEndian(Take(4));

    /// <summary>Reads a double-precision float (XDR <c>double</c>).</summary>
    /// <returns>The value.</returns>
    public double ReadDouble() => BinaryPrimitives.ReadDoubleBigEndian(Take(8));

    /// <summary>Reads an XDR <c>bool</c>; any value other than 0 or 1 is rejected.</summary>
    /// <returns>The value.</returns>
    public bool ReadBool()
    {
        int value = ReadInt32();
        if ((uint)value > 1)
        {
            ThrowNotBoolean(value, _position - 4);
        }

        return value != 0;
    }

    /// <summary>Reads the presence flag of XDR optional data (<c>type *name</c>).</summary>
    /// <returns><see langword="true"/> when a value follows.</returns>
    public bool ReadOptionalPresent() => ReadBool();

    /// <summary>Reads a variable-length string (<c>string&lt;max&gt;</c>) as UTF-8.</summary>
    /// <param name="maxLength">Declared maximum length in bytes; <see cref="uint.MaxValue"/> for none.</param>
    /// <returns>The decoded string. Invalid UTF-8 sequences become U+FFFD.</returns>
    public string ReadString(uint maxLength = uint.MaxValue)
    {
        ReadOnlySpan<byte> bytes = ReadOpaqueSpan(maxLength, "string");
        return bytes.Length == 0 ? string.Empty : Encoding.UTF8.GetString(bytes);
    }

    /// <summary>Reads variable-length opaque data (<c>opaque&lt;max&gt;</c>) into a new array.</summary>
    /// <param name="maxLength">Declared maximum length; <see cref="uint.MaxValue"/> for none.</param>
    /// <returns>A copy of the data.</returns>
    public byte[] ReadOpaque(uint maxLength = uint.MaxValue) => ReadOpaqueSpan(maxLength, "opaque").ToArray();

    /// <summary>Reads variable-length opaque data without copying.</summary>
    /// <param name="maxLength">Declared maximum length; <see cref="uint.MaxValue"/> for none.</param>
    /// <returns>A slice of the underlying buffer, valid as long as the buffer is.</returns>
    public ReadOnlySpan<byte> ReadOpaqueSpan(uint maxLength = uint.MaxValue) => ReadOpaqueSpan(maxLength, "opaque");

    /// <summary>Reads fixed-length opaque data (<c>opaque[length]</c>) into a new array.</summary>
    /// <param name="length">The declared length.</param>
    /// <returns>A copy of the data.</returns>
    public byte[] ReadFixedOpaque(int length) => ReadFixedOpaqueSpan(length).ToArray();

    /// <summary>Reads fixed-length opaque data without copying.</summary>
    /// <param name="length">The declared length.</param>
    /// <returns>A slice of the underlying buffer.</returns>
    public ReadOnlySpan<byte> ReadFixedOpaqueSpan(int length)
    {
        if (length < 0)
        {
            throw new XdrException($"fixed opaque length {length} is negative", _position);
        }

        ReadOnlySpan<byte> data = Take(length);
        SkipPadding(length);
        return data;
    }

    /// <summary>
    /// Reads the element count of a variable-length array (<c>type name&lt;max&gt;</c>) and checks it
    /// against the declared maximum and against what the remaining bytes could possibly hold.
    /// </summary>
    /// <param name="maxCount">Declared maximum element count; <see cref="uint.MaxValue"/> for none.</param>
    /// <param name="minElementSize">The smallest encoded size of one element, in bytes. Every XDR item takes
    /// at least 4 bytes, so smaller values are treated as 4: a count can never claim more elements than the
    /// remaining bytes could hold.</param>
    /// <returns>The element count, safe to pre-size a collection with.</returns>
    public int ReadArrayLength(uint maxCount = uint.MaxValue, int minElementSize = 4)
    {
        int start = _position;
        uint count = ReadUInt32();
        if (count > maxCount)
        {
            throw new XdrException($"array length {count} exceeds the declared maximum {maxCount}", start);
        }

        long needed = (long)count * Math.Max(minElementSize, 4);
        if (count > int.MaxValue || needed > Remaining)
        {
            throw new XdrException($"array length {count} needs at least {needed} bytes but only {Remaining} remain", start);
        }

        return (int)count;
    }

    /// <summary>
    /// Reads a variable-length array (<c>T name&lt;max&gt;</c>): the checked count, then each element. A failure inside
    /// an element names its index in the exception's field path.
    /// </summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="readElement">Reads one element.</param>
    /// <param name="maxCount">Declared maximum element count; <see cref="uint.MaxValue"/> for none.</param>
    /// <param name="minElementSize">The smallest encoded size of one element (see <see cref="ReadArrayLength"/>).</param>
    /// <returns>The elements.</returns>
    public T[] ReadArray<T>(XdrReadFunc<T> readElement, uint maxCount = uint.MaxValue, int minElementSize = 4) =>
        ReadElements(ReadArrayLength(maxCount, minElementSize), readElement);

    /// <summary>Reads a fixed-length array (<c>T name[count]</c>); a failing element is named by its index.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="count">The declared element count.</param>
    /// <param name="readElement">Reads one element.</param>
    /// <returns>The elements.</returns>
    public T[] ReadFixedArray<T>(int count, XdrReadFunc<T> readElement) => ReadElements(count, readElement);

    /// <summary>Reads optional data (<c>T *name</c>) of a reference type: the presence flag, then the value if present.</summary>
    /// <typeparam name="T">The value type.</typeparam>
    /// <param name="readValue">Reads the value.</param>
    /// <returns>The value, or null when absent.</returns>
    public T? ReadOptional<T>(XdrReadFunc<T> readValue)
        where T : class => ReadOptionalPresent() ? readValue(ref this) : null;

    /// <summary>Reads optional data (<c>T *name</c>) of a value type: the presence flag, then the value if present.</summary>
    /// <typeparam name="T">The value type.</typeparam>
    /// <param name="readValue">Reads the value.</param>
    /// <returns>The value, or null when absent.</returns>
    public T? ReadOptionalValue<T>(XdrReadFunc<T> readValue)
        where T : struct => ReadOptionalPresent() ? readValue(ref this) : null;

    /// <summary>Fails unless every byte has been consumed.</summary>
    public readonly void ExpectEnd()
    {
        if (_position != _buffer.Length)
        {
            throw new XdrException($"{_buffer.Length - _position} unexpected trailing bytes", _position);
        }
    }

    private ReadOnlySpan<byte> ReadOpaqueSpan(uint maxLength, string what)
    {
        int start = _position;
        uint length = ReadUInt32();
        if (length > maxLength)
        {
            throw new XdrException($"{what} length {length} exceeds the declared maximum {maxLength}", start);
        }

        if (length > (uint)Remaining)
        {
            throw new XdrException($"{what} length {length} exceeds the {Remaining} bytes that remain", start);
        }

        ReadOnlySpan<byte> data = _buffer.Slice(_position, (int)length);
        _position += (int)length;
        SkipPadding((int)length);
        return data;
    }

    private void SkipPadding(int length)
    {
        int pad = (4 - (length & 3)) & 3;
        if (pad == 0)
        {
            return;
        }

        int start = _position;
        ReadOnlySpan<byte> padding = Take(pad);
        for (int i = 0; i < padding.Length; i++)
        {
            if (padding[i] != 0)
            {
                throw new XdrException("padding bytes are not zero", start);
            }
        }
    }

    private ReadOnlySpan<byte> Take(int count)
    {
        if ((uint)count > (uint)(_buffer.Length - _position))
        {
            ThrowTruncated(count);
        }

        ReadOnlySpan<byte> slice = _buffer.Slice(_position, count);
        _position += count;
        return slice;
    }

    [DoesNotReturn]
    private static void ThrowNotBoolean(int value, int offset) =>
        throw new XdrException($"boolean value {value} is neither 0 nor 1", offset);

    [DoesNotReturn]
    private readonly void ThrowTruncated(int count) =>
        throw new XdrException($"truncated input: {count} bytes needed, {_buffer.Length - _position} remain", _position);

    private T[] ReadElements<T>(int count, XdrReadFunc<T> readElement)
    {
        var items = new T[count];
        for (int i = 0; i < items.Length; i++)
        {
            try
            {
                items[i] = readElement(ref this);
            }
            catch (XdrException e) when (e.AddPathSegment(XdrException.IndexSegment(i)))
            {
                throw;
            }
        }

        return items;
    }
}
