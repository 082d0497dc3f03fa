using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Gfish.Commands;

namespace Gfish.Execution;

/// <summary>One libguestfs handle as the shell uses it: call any action by its catalog entry.</summary>
/// <remarks>
/// Arguments arrive converted: <see cref="string"/> (null for an absent optional string), <see cref="int"/>,
/// <see cref="long"/>, <see cref="bool"/>, <see cref="IReadOnlyList{T}"/> of strings, <see cref="byte"/> arrays
/// for buffers, and <see cref="System.IO.Stream"/>s for FileIn (readable) and FileOut (writable) arguments.
/// </remarks>
internal interface IGuestfsSession : IAsyncDisposable
{
    /// <summary>Calls an action.</summary>
    /// <param name="command">The action.</param>
    /// <param name="arguments">The required arguments, converted, in order.</param>
    /// <param name="optionalArguments">The optional arguments that were given, by libguestfs name.</param>
    /// <param name="progress">Receives progress of long calls, or null.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The result (null for actions without one).</returns>
    /// <exception cref="ActionFailedException">The action failed.</exception>
    Task<object?> InvokeAsync(
        CommandInfo command,
        IReadOnlyList<object?> arguments,
        IReadOnlyDictionary<string, object?> optionalArguments,
        IProgress<TransferProgress>? progress,
        CancellationToken cancellationToken);
}
