namespace Guestfs.Xdr;

/// <summary>Encodes a value with an <see cref="XdrWriter"/>; generated codecs have this shape.</summary>
/// <typeparam name="T">The value's type.</typeparam>
/// <param name="writer">The writer.</param>
/// <param name="value">The value to encode.</param>
public delegate void XdrWriteAction<T>(ref XdrWriter writer, T value);

/// <summary>Decodes a value with an <see cref="XdrReader"/>; generated codecs have this shape.</summary>
/// <typeparam name="T">The value's type.</typeparam>
/// <param name="reader">The reader.</param>
/// <returns>The decoded value.</returns>
public delegate T XdrReadFunc<T>(ref XdrReader reader);
