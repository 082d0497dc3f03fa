using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;

namespace Guestfs.Backends.Direct;

/// <summary>
/// How fresh one saved snapshot state is: when it was saved and how many launches restored it, in the file
/// <c>usage</c> of the state's directory. Every restore of a state starts the same guest (the same kernel address
/// layout, stack canaries and random pools until the trigger reseeds them), so a state is used for at most
/// <see cref="MaxUses"/> launches or <see cref="MaxAge"/>, then saved again.
/// </summary>
/// <remarks>
/// The file is one line, <c>guestfs-snapshot-usage-1 saved=UNIXSECONDS uses=N</c>. It is replaced, never written
/// in place: a new file created exclusively (which never follows a symbolic link) and renamed over the old one (a
/// rename replaces a link rather than writing through it). It is read only when it is a small regular file, not
/// a link. A missing, unreadable or malformed record makes the state stale, so the worst case is one more save.
/// Two launches that restore at the same moment may count once between them: the limit is approximate.
/// </remarks>
internal sealed class SnapshotUsage
{
    /// <summary>The file name, in the state's directory.</summary>
    public const string FileName = "usage";

    private const string Magic = "guestfs-snapshot-usage-1";
    private const int MaxFileLength = 256;

    /// <summary>How far in the future a save time may lie (clock adjustments) before the record is distrusted.</summary>
    private static readonly TimeSpan s_clockSkew = TimeSpan.FromMinutes(5);

    private readonly TimeProvider _time;

    /// <summary>Creates the bookkeeping of the state in <paramref name="directory"/>.</summary>
    /// <param name="directory">The state's directory.</param>
    /// <param name="maxUses">How many launches may restore it.</param>
    /// <param name="maxAge">How long after its save it may be restored.</param>
    /// <param name="time">The clock (tests replace it); <see langword="null"/> for the system's.</param>
    public SnapshotUsage(string directory, int maxUses, TimeSpan maxAge, TimeProvider? time = null)
    {
        Path = System.IO.Path.Combine(directory, FileName);
        MaxUses = maxUses;
        MaxAge = maxAge;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>The record's path.</summary>
    public string Path { get; }

    /// <summary>How many launches may restore the state.</summary>
    public int MaxUses { get; }

    /// <summary>How long after its save the state may be restored.</summary>
    public TimeSpan MaxAge { get; }

    /// <summary>Records a state just saved: saved now, restored by no launch yet.</summary>
    /// <exception cref="IOException">The record cannot be written (the state is then not published).</exception>
    /// <exception cref="UnauthorizedAccessException">The record cannot be written.</exception>
    public void Start() => Write(_time.GetUtcNow(), 0);

    /// <summary>Says why the state must be saved again, or <see langword="null"/> while it may be restored.</summary>
    /// <returns>The reason, for a debug message.</returns>
    public string? WhyStale()
    {
        if (Read() is not { } record)
        {
            return "has no valid usage record";
        }

        TimeSpan age = _time.GetUtcNow() - record.Saved;
        if (record.Uses >= MaxUses)
        {
            return string.Create(CultureInfo.InvariantCulture, $"was restored {record.Uses} times ({SnapshotSettings.MaxUsesSetting}={MaxUses})");
        }

        if (age >= MaxAge)
        {
            return string.Create(CultureInfo.InvariantCulture, $"was saved {age.TotalHours:0.#} h ago ({SnapshotSettings.MaxAgeSetting}={MaxAge.TotalSeconds:0} s)");
        }

        if (age < -s_clockSkew)
        {
            return "was saved in the future (the clock was set back)";
        }

        return null;
    }

    /// <summary>Counts one more launch that restored the state; a record that cannot be written is left as it is.</summary>
    public void RecordUse()
    {
        if (Read() is not { } record)
        {
            return;     // stale anyway: the next launch saves a new state
        }

        try
        {
            Write(record.Saved, record.Uses + 1);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }

    private (DateTimeOffset Saved, int Uses)? Read()
    {
        try
        {
            // Never through a link, never a FIFO or device (SecureFile refuses both without blocking).
            byte[] bytes = new byte[MaxFileLength + 1];
            int length;
            using (var stream = SecureFile.Open(Path, FileMode.Open, FileAccess.Read))
            {
                length = stream.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false);
            }

            if (length is 0 or > MaxFileLength)
            {
                return null;
            }

            string[] fields = Encoding.ASCII.GetString(bytes, 0, length).Trim().Split(' ');
            if (fields is not [Magic, var saved, var uses] ||
                !saved.StartsWith("saved=", StringComparison.Ordinal) || !uses.StartsWith("uses=", StringComparison.Ordinal) ||
                !long.TryParse(saved.AsSpan(6), NumberStyles.None, CultureInfo.InvariantCulture, out long seconds) ||
                !int.TryParse(uses.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out int count) ||
                seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
            {
                return null;
            }

            return (DateTimeOffset.FromUnixTimeSeconds(seconds), count);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private void Write(DateTimeOffset saved, int uses)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("snapshot launch runs qemu on Linux hosts only");
        }

        string directory = System.IO.Path.GetDirectoryName(Path)!;
        string temporary = System.IO.Path.Combine(directory, FileName + ".tmp-" + System.IO.Path.GetRandomFileName().Replace(".", string.Empty, StringComparison.Ordinal));
        byte[] text = Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{Magic} saved={saved.ToUnixTimeSeconds()} uses={uses}\n"));
        try
        {
            using (var stream = SecureFile.Open(temporary, FileMode.CreateNew, FileAccess.Write))
            {
                stream.Write(text);
            }

            File.Move(temporary, Path, overwrite: true);
            temporary = string.Empty;
        }
        finally
        {
            if (temporary.Length > 0)
            {
                try
                {
                    File.Delete(temporary);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                }
            }
        }
    }
}
