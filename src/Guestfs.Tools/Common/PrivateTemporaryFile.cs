using System;
using System.IO;

namespace Guestfs.Tools.Common;

/// <summary>
/// An empty file in a private (0700) temporary directory (<c>$TMPDIR</c>, else <c>/tmp</c>), both removed on
/// dispose: where a tool puts a guest file for a host program (an editor, <c>perl</c>, <c>evtxdump.py</c>).
/// </summary>
internal sealed class PrivateTemporaryFile : IDisposable
{
    private readonly string _directory;

    /// <summary>Creates the directory and the file.</summary>
    /// <param name="prefix">The directory name's prefix.</param>
    /// <param name="name">The file's name in it.</param>
    public PrivateTemporaryFile(string prefix, string name)
    {
        _directory = Directory.CreateTempSubdirectory(prefix).FullName;
        Path = System.IO.Path.Combine(_directory, name);
        File.Create(Path).Dispose();
    }

    /// <summary>The file's path.</summary>
    public string Path { get; }

    /// <inheritdoc/>
    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
