using System;
using System.Collections.Generic;
using System.IO;

namespace Gfish.Execution;

/// <summary>A command's arguments converted for the call, and the local files opened for it.</summary>
internal sealed class BoundArguments : IDisposable
{
    private readonly List<Stream> _owned = [];

    /// <summary>Required arguments in order.</summary>
    public List<object?> Arguments { get; } = [];

    /// <summary>Optional arguments given, by libguestfs name.</summary>
    public Dictionary<string, object?> Options { get; } = new(StringComparer.Ordinal);

    /// <summary>Keeps a stream to close after the call.</summary>
    /// <param name="stream">The stream.</param>
    /// <returns>The same stream.</returns>
    public Stream Own(Stream stream)
    {
        _owned.Add(stream);
        return stream;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var s in _owned)
        {
            s.Dispose();
        }

        _owned.Clear();
    }
}
