using Guestfs.Xdr;

namespace Guestfs.Tests.Xdr.Model;

/// <summary>
/// The discriminated union <c>ref_shape</c> of <c>Reference/xdr_reference.x</c>: the discriminant
/// <see cref="Kind"/> selects the arm (0 void, 1 <see cref="Radius"/>, 2 <see cref="Name"/>,
/// 3 <see cref="Nested"/>, any other value the default arm <see cref="Other"/>).
/// </summary>
internal sealed class RefShape : IXdrEncodable, IXdrDecodable<RefShape>
{
    public const uint MaxName = 16;

    public int Kind { get; init; }

    public int Radius { get; init; }

    public string Name { get; init; } = string.Empty;

    public RefInner? Nested { get; init; }

    public long Other { get; init; }

    public static RefShape Decode(ref XdrReader reader)
    {
        string field = "kind";
        try
        {
            int kind = reader.ReadInt32();
            switch (kind)
            {
                case 0:
                    return new RefShape { Kind = kind };
                case 1:
                    field = "radius";
                    return new RefShape { Kind = kind, Radius = reader.ReadInt32() };
                case 2:
                    field = "name";
                    return new RefShape { Kind = kind, Name = reader.ReadString(MaxName) };
                case 3:
                    field = "nested";
                    return new RefShape { Kind = kind, Nested = RefInner.Decode(ref reader) };
                default:
                    field = "other";
                    return new RefShape { Kind = kind, Other = reader.ReadInt64() };
            }
        }
        catch (XdrException e) when (e.AddPathSegment(field))
        {
            throw;
        }
    }

    public void Encode(ref XdrWriter writer)
    {
        string field = "kind";
        try
        {
            writer.WriteInt32(Kind);
            switch (Kind)
            {
                case 0:
                    break;
                case 1:
                    field = "radius";
                    writer.WriteInt32(Radius);
                    break;
                case 2:
                    field = "name";
                    writer.WriteString(Name, MaxName);
                    break;
                case 3:
                    field = "nested";
                    (Nested ?? throw new XdrException("union arm 3 needs a nested value")).Encode(ref writer);
                    break;
                default:
                    field = "other";
                    writer.WriteInt64(Other);
                    break;
            }
        }
        catch (XdrException e) when (e.AddPathSegment(field))
        {
            throw;
        }
    }
}
