namespace Guestfs.Xdr;

/// <summary>A value that can encode itself as XDR. Generated structures implement this.</summary>
public interface IXdrEncodable
{
    /// <summary>Writes this value.</summary>
    /// <param name="writer">The writer.</param>
    void Encode(ref XdrWriter writer);
}

/// <summary>A type that can decode a value of itself from XDR. Generated structures implement this.</summary>
/// <typeparam name="TSelf">The implementing type.</typeparam>
public interface IXdrDecodable<TSelf>
    where TSelf : IXdrDecodable<TSelf>
{
    /// <summary>Reads one value.</summary>
    /// <param name="reader">The reader.</param>
    /// <returns>The decoded value.</returns>
    static abstract TSelf Decode(ref XdrReader reader);
}
