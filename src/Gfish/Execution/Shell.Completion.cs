using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Gfish.Terminal;
using Guestfs.Commands;

namespace Gfish.Execution;

/// <content>
/// Tab completion as guestfish's readline completion: the first word of a line is a command name (actions with dashes,
/// their aliases, the shell's own commands); any other word is a device (<c>list_devices</c>, <c>list_partitions</c>,
/// <c>lvs</c>, <c>list_dm_devices</c>, <c>list_md_devices</c>) or a guest path (the entries of its directory, a
/// directory completed with <c>/</c>). Letters match in any case; failed calls (before <c>run</c>) give nothing.
/// </content>
internal sealed partial class Shell : ICompleter
{
    private static readonly string[] s_deviceLists = ["list_devices", "list_partitions", "lvs", "list_dm_devices", "list_md_devices"];

    /// <inheritdoc/>
    public async Task<IReadOnlyList<Completion>> CompleteAsync(string word, bool atLineStart, CancellationToken cancellationToken)
    {
        var words = new List<Completion>();
        if (atLineStart)
        {
            words.AddRange(LocalCommands.SelectMany(l => l.Aliases.Prepend(l.Name))
                .Concat(_catalog.Commands.SelectMany(c => c.Aliases.Prepend(c.DisplayName)))
                .Select(name => new Completion(name, ' ')));
        }
        else
        {
            if (word.Length < 5 || word.StartsWith("/dev/", StringComparison.Ordinal))
            {
                foreach (var list in s_deviceLists)
                {
                    words.AddRange((await QuietCallAsync(list, [], cancellationToken).ConfigureAwait(false) as IEnumerable<string> ?? [])
                        .Select(device => new Completion(device, ' ')));
                }
            }

            if (word.Length == 0 || word[0] == '/')
            {
                words.AddRange(await DirectoryEntriesAsync(word, cancellationToken).ConfigureAwait(false));
            }

            words.Sort((a, b) => string.CompareOrdinal(a.Text, b.Text));
        }

        return words.Where(w => w.Text.StartsWith(word, StringComparison.OrdinalIgnoreCase)).ToList();
    }

    /// <summary>The entries of the directory part of a path (<c>/</c> when there is none), as full paths.</summary>
    private async Task<IEnumerable<Completion>> DirectoryEntriesAsync(string word, CancellationToken cancellationToken)
    {
        var slash = word.LastIndexOf('/');
        var directory = slash > 0 ? word[..slash] : "/";
        if (await QuietCallAsync("readdir", [directory], cancellationToken).ConfigureAwait(false) is not IReadOnlyList<IReadOnlyList<CommandField>> entries)
        {
            return [];
        }

        var found = new List<Completion>();
        foreach (var fields in entries)
        {
            var name = fields.FirstOrDefault(f => f.Name == "name").Value as string;
            var type = fields.FirstOrDefault(f => f.Name == "ftyp").Value is char c ? c : '?';
            if (name is null or "." or "..")
            {
                continue;
            }

            var path = directory == "/" ? "/" + name : directory + "/" + name;

            // Symbolic links and unknown types are directories if they lead to one.
            var isDirectory = type is 'u' or 'l' or '?'
                ? await QuietCallAsync("is_dir", [path], cancellationToken, new Dictionary<string, object?> { ["followsymlinks"] = true }).ConfigureAwait(false) is true
                : type == 'd';
            found.Add(new Completion(path, isDirectory ? '/' : ' '));
        }

        return found;
    }

    /// <summary>Calls an action without printing its failure (guestfish silences the error handler while completing).</summary>
    private async Task<object?> QuietCallAsync(string name, IReadOnlyList<object?> arguments, CancellationToken cancellationToken, IReadOnlyDictionary<string, object?>? options = null)
    {
        if (Remote is not null || !_catalog.TryGetCommand(name, out var command))
        {
            return null;
        }

        try
        {
            return await _session.InvokeAsync(command, arguments, options ?? new Dictionary<string, object?>(), null, cancellationToken).ConfigureAwait(false);
        }
        catch (ActionFailedException)
        {
            return null;
        }
    }
}
