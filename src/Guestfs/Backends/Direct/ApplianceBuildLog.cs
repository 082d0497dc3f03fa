using System;
using System.IO;
using System.Security.Cryptography;

namespace Guestfs.Backends.Direct;

/// <summary>
/// The appliance build's log. A build writes, as it runs, to a file of its own beside the published log
/// (<c>appliance-build.log.XXXXXXXX</c>, created exclusively and never through a link), and disposing renames that
/// file over the published one. Builds started at once by several processes therefore never collide, and the
/// published log is always one whole run's output, the last to end.
/// </summary>
internal sealed class ApplianceBuildLog : IDisposable
{
    private readonly StreamWriter _writer;
    private bool _published;

    private ApplianceBuildLog(string path, string inProgressPath, StreamWriter writer)
    {
        PublishedPath = path;
        InProgressPath = inProgressPath;
        _writer = writer;
    }

    /// <summary>The log as published when the build ends.</summary>
    public string PublishedPath { get; }

    /// <summary>The file written while the build runs.</summary>
    public string InProgressPath { get; }

    /// <summary>How long an in-progress log may go unwritten before it counts as left by a build that died: twice the
    /// time a build may run (an active build's log is written with each line of output).</summary>
    internal static readonly TimeSpan AbandonedAfter = TimeSpan.FromHours(1);

    /// <summary>Starts a build's log in <paramref name="path"/>'s directory (made private if missing), removing the
    /// in-progress logs of builds that died (unwritten for <see cref="AbandonedAfter"/>).</summary>
    /// <param name="path">Where the log is published.</param>
    /// <returns>The open log.</returns>
    public static ApplianceBuildLog Begin(string path)
    {
        string directory = Path.GetDirectoryName(path)!;
        SecureDirectory.Ensure(directory);
        DateTime abandoned = DateTime.UtcNow - AbandonedAfter;
        foreach (FileInfo old in new DirectoryInfo(directory).EnumerateFiles(Path.GetFileName(path) + ".*"))
        {
            try
            {
                if (old.LastWriteTimeUtc < abandoned)
                {
                    old.Delete();
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
            }
        }

        for (int attempt = 0; ; attempt++)
        {
            string inProgress = path + "." + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
            try
            {
                var writer = new StreamWriter(SecureFile.Open(inProgress, FileMode.CreateNew, FileAccess.Write)) { AutoFlush = true };
                return new ApplianceBuildLog(path, inProgress, writer);
            }
            catch (IOException) when (attempt < 3 && Path.Exists(inProgress))
            {
                // Another build drew the same name: draw again.
            }
        }
    }

    /// <summary>Appends one line; safe to call from the build's output and error readers at once.</summary>
    /// <param name="line">The line.</param>
    public void WriteLine(string line)
    {
        lock (_writer)
        {
            _writer.WriteLine(line);
        }
    }

    /// <summary>Closes the log and publishes it (rename replaces whatever is at the published path, a link included,
    /// without following it). A log that cannot be published stays where it was written: the build's own outcome is
    /// what the caller reports.</summary>
    public void Dispose()
    {
        if (_published)
        {
            return;
        }

        _published = true;
        _writer.Dispose();
        try
        {
            File.Move(InProgressPath, PublishedPath, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }
}
