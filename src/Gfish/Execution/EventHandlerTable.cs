using System.Collections.Generic;
using System.Linq;

namespace Gfish.Execution;

/// <summary>
/// The handlers of <c>event</c>, listed in the order guestfish lists them: guestfish keeps them in a gnulib hash table
/// of 83 buckets keyed by <c>hash_pjw</c> of the name, a new name going after the first one of its bucket, and a
/// new handler of an existing name after the first handler of that name.
/// </summary>
internal sealed class EventHandlerTable
{
    private const int Buckets = 83; // gnulib: next prime above 64 / 0.8
    private readonly List<List<EventHandlerEntry>>?[] _buckets = new List<List<EventHandlerEntry>>?[Buckets];

    /// <summary>Every handler, in guestfish's listing order.</summary>
    public IEnumerable<EventHandlerEntry> Entries =>
        _buckets.Where(b => b is not null).SelectMany(b => b!).SelectMany(handlers => handlers);

    /// <summary>Adds a handler.</summary>
    /// <param name="entry">The handler.</param>
    public void Add(EventHandlerEntry entry)
    {
        var bucket = _buckets[Hash(entry.Name)] ??= [];
        var same = bucket.Find(h => h[0].Name == entry.Name);
        if (same is not null)
        {
            same.Insert(1, entry);
        }
        else
        {
            bucket.Insert(bucket.Count == 0 ? 0 : 1, [entry]);
        }
    }

    /// <summary>Removes every handler of a name.</summary>
    /// <param name="name">The name.</param>
    /// <returns>The handlers removed (none when the name is unknown).</returns>
    public IReadOnlyList<EventHandlerEntry> Remove(string name)
    {
        var bucket = _buckets[Hash(name)];
        var same = bucket?.Find(h => h[0].Name == name);
        if (same is null)
        {
            return [];
        }

        bucket!.Remove(same);
        return same;
    }

    /// <summary>gnulib's <c>hash_pjw</c> over the UTF-8 bytes (as C <c>char</c>, signed), modulo the bucket count.</summary>
    private static int Hash(string name)
    {
        ulong h = 0;
        foreach (var b in System.Text.Encoding.UTF8.GetBytes(name))
        {
            h = (ulong)(long)(sbyte)b + ((h << 9) | (h >> 55));
        }

        return (int)(h % Buckets);
    }
}
