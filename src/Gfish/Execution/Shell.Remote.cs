using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Gfish.Remote;

namespace Gfish.Execution;

/// <content><c>--remote</c> (every command sent to a listening shell) and <c>--listen</c> (commands run for a client).</content>
internal sealed partial class Shell
{
    /// <summary>Whether an error in the current line ends the input (sent with each remote call, as guestfish).</summary>
    private bool _lineExitsOnError = true;

    /// <summary>With <c>--remote</c>, the listener every command is sent to; null to run commands here.</summary>
    public RemoteClient? Remote { get; set; }

    /// <summary>Runs one command for a remote client, its output written to the given stream.</summary>
    /// <param name="name">The command.</param>
    /// <param name="args">Its arguments.</param>
    /// <param name="output">Where its output goes.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>The outcome.</returns>
    public async Task<ShellStatus> IssueCommandToAsync(string name, IReadOnlyList<string> args, Stream output, CancellationToken cancellationToken)
    {
        _commandNumber++;
        var status = await DispatchAsync(name, args, output, cancellationToken).ConfigureAwait(false);
        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        return status;
    }
}
