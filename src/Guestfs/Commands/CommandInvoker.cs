using System;
using System.Threading;
using System.Threading.Tasks;

namespace Guestfs.Commands;

/// <summary>Calls one action's typed <see cref="GuestfsHandle"/> method with a shell's converted arguments.</summary>
/// <param name="handle">The handle.</param>
/// <param name="arguments">The arguments, converted to the kinds <see cref="CommandInfo.Arguments"/> names.</param>
/// <param name="progress">Receives progress messages of actions that send them (<see cref="CommandInfo.ReportsProgress"/>); ignored by the others.</param>
/// <param name="cancellationToken">Cancels the call.</param>
/// <returns>The action's result.</returns>
public delegate Task<CommandResult> CommandInvoker(
    GuestfsHandle handle,
    CommandArguments arguments,
    IProgress<GuestfsProgress>? progress,
    CancellationToken cancellationToken);
