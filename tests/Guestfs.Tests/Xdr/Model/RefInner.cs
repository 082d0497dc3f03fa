using Guestfs.Xdr;

namespace Guestfs.Tests.Xdr.Model;

/// <summary>
/// The struct <c>ref_inner</c> of <c>Reference/xdr_reference.x</c>, hand-written the way generated codecs are:
/// one try block per struct with a "current field" local that an exception filter adds to the error's path.
/// </summary>
internal sealed class RefInner : IXdrEncodable, IXdrDecodable<RefInner>
{
    public int Id { get; init; }

    public string Label { get; init; } = string.Empty;

    public static RefInner Decode(ref XdrReader reader)
    {
        string field = "id";
        try
        {
            int id = reader.ReadInt32();
            field = "label";
            string label = reader.ReadString();
            return new RefInner { Id = id, Label = label };
        }
        catch (XdrException e) when (e.AddPathSegment(field))
        {
            throw;
        }
    }

    public void Encode(ref XdrWriter writer)
    {
        string field = "id";
        try
        {
            writer.WriteInt32(Id);
            field = "label";
            writer.WriteString(Label);
        }
        catch (XdrException e) when (e.AddPathSegment(field))
        {
            throw;
        }
    }
}
