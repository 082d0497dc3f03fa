using System;
using System.Collections.Generic;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using Gfish.Commands;
using Gfish.Execution;

namespace Gfish;

/// <summary>
/// Binds gfish to the Guestfs library: the catalog from the generated command table, and a
/// <c>Guestfs.GuestfsHandle</c> per session, called through <see cref="ReflectionSession"/>.
/// </summary>
/// <remarks>
/// When the Guestfs assembly has no command table or no handle (a build of the runtime without the generator's output),
/// the catalog is empty: the shell's own commands work and every library command is unknown.
/// </remarks>
internal static class LibraryBinding
{
    /// <summary>The Guestfs assembly.</summary>
    public static Assembly Library => typeof(Guestfs.GuestfsLaunchException).Assembly;

    /// <summary>Creates the catalog and the handle factory.</summary>
    /// <returns>Both.</returns>
    /// <param name="warnings">Where a broken command table is reported.</param>
    public static (ICommandCatalog Catalog, ISessionFactory Sessions) Create(System.IO.TextWriter warnings)
    {
        var handleType = Library.GetType("Guestfs.GuestfsHandle");
        CommandCatalog? catalog = null;
        try
        {
            catalog = GeneratedCatalogReader.TryRead(Library, handleType);
        }
        catch (Exception e) when (e is TargetInvocationException or TypeInitializationException or InvalidOperationException)
        {
            var cause = e is TargetInvocationException { InnerException: { } inner } ? inner : e;
            warnings.WriteLine($"gfish: warning: the generated command table could not be read ({cause.GetType().Name}: {cause.InnerException?.Message ?? cause.Message}); only the shell's own commands are available");
        }

        return (catalog ?? new CommandCatalog([], []), handleType is null ? new NoLibrarySessionFactory() : new HandleSessionFactory(handleType));
    }

    /// <summary>The text guestfish prints after <c>libguestfs: error: </c> for a library exception.</summary>
    /// <param name="e">The exception.</param>
    /// <returns>The text.</returns>
    public static string Describe(Exception e) => e switch
    {
        ArgumentException a when a.ParamName is not null => $"{a.ParamName}: {a.Message.Replace($" (Parameter '{a.ParamName}')", string.Empty, StringComparison.Ordinal)}",
        _ => e.Message,
    };

    private sealed class HandleSessionFactory(Type handleType) : ISessionFactory
    {
        public IGuestfsSession Create()
        {
            var constructor = Array.Find(handleType.GetConstructors(), c => c.GetParameters() is { Length: <= 1 } p && Array.TrueForAll(p, x => x.IsOptional))
                ?? throw new InvalidOperationException($"{handleType} has no constructor without required arguments.");
            var handle = constructor.Invoke(constructor.GetParameters().Length == 0 ? [] : [Type.Missing]);
            return new ReflectionSession(handle, Describe);
        }
    }

    private sealed class NoLibrarySessionFactory : ISessionFactory
    {
        public IGuestfsSession Create() => new NoLibrarySession();
    }

    private sealed class NoLibrarySession : IGuestfsSession
    {
        public Task<object?> InvokeAsync(
            CommandInfo command,
            IReadOnlyList<object?> arguments,
            IReadOnlyDictionary<string, object?> optionalArguments,
            IProgress<TransferProgress>? progress,
            CancellationToken cancellationToken) =>
            throw new ActionFailedException($"{command.Name}: this build of the Guestfs library has no handle");

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
