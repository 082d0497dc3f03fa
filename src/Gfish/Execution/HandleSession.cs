using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Gfish.Commands;
using Guestfs;
using Guestfs.Commands;
using CommandInfo = Gfish.Commands.CommandInfo;

namespace Gfish.Execution;

/// <summary>
/// A session over a <see cref="GuestfsHandle"/>: each action is called through its generated invoker
/// (<see cref="CommandInfo.Invoke"/>), which converts the arguments to the method's parameter types and returns the
/// result in the form <see cref="Output.ResultFormatter"/> prints.
/// </summary>
internal sealed class HandleSession : IGuestfsSession, ISessionEvents, ISessionDecryption
{
    private readonly GuestfsHandle _handle;
    private readonly Func<string, Exception, string> _describeError;

    /// <summary>Creates a session over a handle.</summary>
    /// <param name="handle">The handle; the session disposes it.</param>
    /// <param name="describeError">Turns the action's name and a library exception into the text printed after <c>libguestfs: error: </c>.</param>
    public HandleSession(GuestfsHandle handle, Func<string, Exception, string> describeError)
    {
        _handle = handle;
        _describeError = describeError;
    }

    /// <inheritdoc/>
    public async Task<object?> InvokeAsync(
        CommandInfo command,
        IReadOnlyList<object?> arguments,
        IReadOnlyDictionary<string, object?> optionalArguments,
        IProgress<TransferProgress>? progress,
        CancellationToken cancellationToken)
    {
        var invoke = command.Invoke
            ?? throw new ActionFailedException($"{command.Name}: this action is not available in the Guestfs library");
        try
        {
            var result = await invoke(
                _handle,
                new CommandArguments(arguments, optionalArguments),
                progress is null ? null : new ProgressForwarder(progress),
                cancellationToken).ConfigureAwait(false);
            return result.Value;
        }
        catch (InvalidOperationException e) when (e is not ObjectDisposedException && _handle.State == GuestfsState.Config)
        {
            // Only a daemon action fails this way before launch: worded as libguestfs words it.
            throw new ActionFailedException(
                $"{command.Name}: call launch before using this function\n(in guestfish, don't forget to use the 'run' command)", e);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new ActionFailedException(_describeError(command.Name, e), e);
        }
    }

    /// <inheritdoc/>
    public int SetEventCallback(GuestfsEvents events, Action<GuestfsEventArgs> callback) =>
        _handle.SetEventCallback((_, _, args) => callback(args), events);

    /// <inheritdoc/>
    public void DeleteEventCallback(int eventHandle) => _handle.DeleteEventCallback(eventHandle);

    /// <inheritdoc/>
    public Task DecryptDisksAsync(LuksKeyProvider keys, CancellationToken cancellationToken) => _handle.DecryptDisksAsync(keys, cancellationToken);

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => _handle.DisposeAsync();

    /// <summary>Forwards the library's progress messages to the shell's progress bar.</summary>
    private sealed class ProgressForwarder(IProgress<TransferProgress> target) : IProgress<GuestfsProgress>
    {
        public void Report(GuestfsProgress value) => target.Report(new TransferProgress((long)value.Position, (long)value.Total));
    }
}
