using System;
using System.Threading;
using System.Threading.Tasks;

namespace Guestfs.Tools.Common;

/// <summary>
/// libguestfs-common's <c>windows_path</c>: a path in a Windows guest as the tools accept it (an optional drive letter,
/// backslashes) turned into the path to use in library calls (the drive's filesystem mounted on <c>/</c>, the case
/// the guest's files have).
/// </summary>
internal static class WindowsPath
{
    /// <summary>Resolves <paramref name="path"/> in the Windows guest <paramref name="root"/>.</summary>
    /// <param name="g">The launched, inspected handle.</param>
    /// <param name="context">The tool's context (for the messages).</param>
    /// <param name="root">The inspected Windows root.</param>
    /// <param name="path">The path as given.</param>
    /// <param name="readOnly">Mount a drive read-only.</param>
    /// <param name="cancellationToken">Cancels the calls.</param>
    /// <returns>The path for library calls.</returns>
    /// <exception cref="ToolExitException">The drive letter is unknown, or its drive did not mount (stock exits).</exception>
    /// <exception cref="GuestfsException"><c>case_sensitive_path</c> failed (stock returns NULL: the caller decides).</exception>
    public static async Task<string> ResolveAsync(GuestfsHandle g, ToolContext context, string root, string path, bool readOnly, CancellationToken cancellationToken)
    {
        string rest;
        if (path.Length >= 2 && char.IsAsciiLetter(path[0]) && path[1] == ':')
        {
            await MountDriveLetterAsync(g, context, root, char.ToLowerInvariant(path[0]), readOnly, cancellationToken).ConfigureAwait(false);
            rest = path[2..];
        }
        else
        {
            rest = path.Length == 0 ? "/" : path;
        }

        return await g.CaseSensitivePathAsync(rest.Replace('\\', '/'), cancellationToken).ConfigureAwait(false);
    }

    private static async Task MountDriveLetterAsync(GuestfsHandle g, ToolContext context, string root, char letter, bool readOnly, CancellationToken cancellationToken)
    {
        var drives = await GuestSession.OrExit(g.InspectGetDriveMappingsAsync(root, cancellationToken)).ConfigureAwait(false);
        if (drives.Count == 0)
        {
            throw context.ErrorCall("to use Windows drive letters, this must be a Windows guest");
        }

        string? device = null;
        foreach (var (name, mapped) in drives)
        {
            if (name.Length == 1 && char.ToLowerInvariant(name[0]) == letter)
            {
                device = mapped;
                break;
            }
        }

        if (device is null)
        {
            throw context.ErrorCall($"drive '{letter}:' not found.");
        }

        await GuestSession.OrExit(g.UmountAllAsync(cancellationToken)).ConfigureAwait(false);
        await GuestSession.OrExit(readOnly ? g.MountRoAsync(device, "/", cancellationToken) : g.MountAsync(device, "/", cancellationToken)).ConfigureAwait(false);
    }
}
