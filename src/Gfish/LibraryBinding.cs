using System;
using Gfish.Commands;
using Gfish.Execution;

namespace Gfish;

/// <summary>
/// Binds gfish to the Guestfs library: the catalog from the generated command table and handles for sessions.
/// </summary>
/// <remarks>
/// Until the generated command table and <c>Guestfs.GuestfsHandle</c> are merged, the catalog is empty (only the
/// shell's own commands work) and no handle can be created.
/// </remarks>
internal static class LibraryBinding
{
    /// <summary>Creates the catalog and the handle factory.</summary>
    /// <returns>Both.</returns>
    public static (ICommandCatalog Catalog, ISessionFactory Sessions) Create() =>
        (new CommandCatalog([], []), new UnavailableSessionFactory());

    private sealed class UnavailableSessionFactory : ISessionFactory
    {
        public IGuestfsSession Create() => new UnavailableSession();
    }

    private sealed class UnavailableSession : IGuestfsSession
    {
        public System.Threading.Tasks.Task<object?> InvokeAsync(
            CommandInfo command,
            System.Collections.Generic.IReadOnlyList<object?> arguments,
            System.Collections.Generic.IReadOnlyDictionary<string, object?> optionalArguments,
            IProgress<TransferProgress>? progress,
            System.Threading.CancellationToken cancellationToken) =>
            throw new ActionFailedException($"{command.Name}: the Guestfs library is not linked into this build of gfish");

        public System.Threading.Tasks.ValueTask DisposeAsync() => System.Threading.Tasks.ValueTask.CompletedTask;
    }
}
