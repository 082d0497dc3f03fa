using System;
using Guestfs.Xdr;

namespace Guestfs.Tests.Xdr.Model;

/// <summary>The struct <c>ref_sample_set</c> of <c>Reference/xdr_reference.x</c>: a variable array of samples.</summary>
internal sealed class RefSampleSet : IXdrEncodable, IXdrDecodable<RefSampleSet>
{
    public RefSample[] Items { get; init; } = Array.Empty<RefSample>();

    public static RefSampleSet Decode(ref XdrReader reader)
    {
        try
        {
            var items = new RefSample[reader.ReadArrayLength(uint.MaxValue, RefSample.MinEncodedSize)];
            for (int i = 0; i < items.Length; i++)
            {
                try
                {
                    items[i] = RefSample.Decode(ref reader);
                }
                catch (XdrException e) when (e.AddPathSegment(XdrPath.Index(i)))
                {
                    throw;
                }
            }

            return new RefSampleSet { Items = items };
        }
        catch (XdrException e) when (e.AddPathSegment("items"))
        {
            throw;
        }
    }

    public void Encode(ref XdrWriter writer)
    {
        try
        {
            writer.WriteArrayLength(Items.Length);
            for (int i = 0; i < Items.Length; i++)
            {
                try
                {
                    Items[i].Encode(ref writer);
                }
                catch (XdrException e) when (e.AddPathSegment(XdrPath.Index(i)))
                {
                    throw;
                }
            }
        }
        catch (XdrException e) when (e.AddPathSegment("items"))
        {
            throw;
        }
    }
}
