using System;
using System.Collections.Generic;
using System.Globalization;
using Guestfs.Xdr;

namespace Guestfs.Benchmarks;

/// <summary>A variable-length array of <see cref="StatEntry"/>, the shape of a <c>_ret</c> structure's list.</summary>
public sealed record StatEntryList : IXdrEncodable, IXdrDecodable<StatEntryList>
{
    /// <summary>The entries.</summary>
    public IReadOnlyList<StatEntry> Entries { get; init; } = Array.Empty<StatEntry>();

    /// <inheritdoc />
    public static StatEntryList Decode(ref XdrReader reader)
    {
        try
        {
            var entries = new StatEntry[reader.ReadArrayLength(uint.MaxValue, StatEntry.MinEncodedSize)];
            for (int i = 0; i < entries.Length; i++)
            {
                try
                {
                    entries[i] = StatEntry.Decode(ref reader);
                }
                catch (XdrException e) when (e.AddPathSegment("[" + i.ToString(CultureInfo.InvariantCulture) + "]"))
                {
                    throw;
                }
            }

            return new StatEntryList { Entries = entries };
        }
        catch (XdrException e) when (e.AddPathSegment("entries"))
        {
            throw;
        }
    }

    /// <inheritdoc />
    public void Encode(ref XdrWriter writer)
    {
        try
        {
            IReadOnlyList<StatEntry> entries = Entries;
            writer.WriteArrayLength(entries.Count);
            for (int i = 0; i < entries.Count; i++)
            {
                try
                {
                    entries[i].Encode(ref writer);
                }
                catch (XdrException e) when (e.AddPathSegment("[" + i.ToString(CultureInfo.InvariantCulture) + "]"))
                {
                    throw;
                }
            }
        }
        catch (XdrException e) when (e.AddPathSegment("entries"))
        {
            throw;
        }
    }
}
