using System;

namespace Guestfs.Xdr;

/// <summary>
/// Raised when XDR data cannot be encoded or decoded: truncated input, a length above its declared
/// maximum, non-zero padding, a boolean other than 0 or 1, trailing bytes, and similar.
/// </summary>
/// <remarks>
/// <see cref="FieldPath"/> names the field being decoded when the problem was found
/// (for example <c>ret.statbufs[3].name</c>). Generated codecs add path segments while the exception
/// propagates, using an exception filter, so the success path pays nothing for it.
/// </remarks>
public sealed class XdrException : Exception
{
    private string _fieldPath;

    /// <summary>Creates an exception with a message and no field path yet.</summary>
    /// <param name="message">What is wrong with the data.</param>
    public XdrException(string message)
        : base(message)
    {
        _fieldPath = string.Empty;
    }

    /// <summary>Creates an exception with a message and the position it was found at.</summary>
    /// <param name="message">What is wrong with the data.</param>
    /// <param name="offset">Byte offset in the buffer being decoded, or in the output being encoded;
    /// -1 when unknown.</param>
    public XdrException(string message, int offset)
        : base(message)
    {
        _fieldPath = string.Empty;
        Offset = offset;
    }

    /// <summary>
    /// Byte offset where the problem was found, or -1 when unknown. When decoding it is the offset in the
    /// buffer given to <see cref="XdrReader"/> of the item that failed (for a length or a boolean, its first
    /// byte; for bad padding, the first padding byte; for truncation, where the missing bytes would start).
    /// When encoding it is the number of bytes the <see cref="XdrWriter"/> had written.
    /// </summary>
    public int Offset { get; } = -1;

    /// <summary>Dotted path of the field being decoded or encoded, outermost first; empty when unknown.</summary>
    public string FieldPath => _fieldPath;

    /// <inheritdoc />
    public override string Message
    {
        get
        {
            string where = Offset >= 0 ? $" at byte {Offset}" : string.Empty;
            return _fieldPath.Length == 0 ? base.Message + where : $"{_fieldPath}: {base.Message}{where}";
        }
    }

    /// <summary>The path segment of an array element: <c>[index]</c>.</summary>
    /// <param name="index">The element's index.</param>
    /// <returns>The segment.</returns>
    internal static string IndexSegment(int index) => "[" + index.ToString(System.Globalization.CultureInfo.InvariantCulture) + "]";

    /// <summary>
    /// Prepends a segment to <see cref="FieldPath"/>. Always returns <see langword="false"/> so it can be
    /// used in an exception filter (<c>catch (XdrException e) when (e.AddPathSegment("name"))</c>) that
    /// records the path without catching.
    /// </summary>
    /// <param name="segment">A field name, or an index such as <c>[3]</c>.</param>
    /// <returns>Always <see langword="false"/>.</returns>
    public bool AddPathSegment(string segment)
    {
        if (_fieldPath.Length == 0)
        {
            _fieldPath = segment;
        }
        else if (_fieldPath[0] == '[')
        {
            _fieldPath = segment + _fieldPath;
        }
        else
        {
            _fieldPath = segment + "." + _fieldPath;
        }

        return false;
    }
}
