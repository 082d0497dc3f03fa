using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Gfish.Execution;

/// <content>The <c>supported</c> command: each optional group of the appliance and whether it is available.</content>
internal sealed partial class Shell
{
    /// <summary>
    /// Prints every optional group (<c>available_all_groups</c>, which also fails before <c>run</c>) right-aligned to
    /// the longest name, then <c>yes</c> or <c>no</c> from <c>available</c>, whose errors are not printed: as guestfish's
    /// <c>run_supported</c>.
    /// </summary>
    private async Task<ShellStatus> SupportedAsync(Stream output, CancellationToken cancellationToken)
    {
        var (ok, value) = await CallByNameAsync("available_all_groups", [], null, cancellationToken).ConfigureAwait(false);
        if (!ok || !_catalog.TryGetCommand("available", out var available))
        {
            return ShellStatus.Error;
        }

        var groups = ((IEnumerable<string>?)value ?? []).ToArray();
        var width = groups.Length == 0 ? 0 : groups.Max(g => g.Length);
        var none = new Dictionary<string, object?>();
        foreach (var group in groups)
        {
            bool yes;
            try
            {
                await _session.InvokeAsync(available, [new[] { group }], none, null, cancellationToken).ConfigureAwait(false);
                yes = true;
            }
            catch (ActionFailedException)
            {
                yes = false;
            }

            WriteText(output, $"{group.PadLeft(width)} {(yes ? "yes" : "no")}\n");
        }

        return ShellStatus.Ok;
    }
}
