using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Guestfs.Backends;
using Guestfs.Diagnostics;
using Guestfs.Protocol;
using Guestfs.Xdr;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Guestfs;

/// <summary>
/// A libguestfs handle: configure drives and settings, launch the appliance, then call actions.
/// </summary>
/// <remarks>
/// <para>States: CONFIG → LAUNCHING → READY, and CLOSED after disposal. Configuration actions are accepted only
/// in CONFIG, daemon actions only in READY; the wrong state is an <see cref="InvalidOperationException"/> naming it.</para>
/// <para>Callers send one at a time, queued (asynchronously) in arrival order. A daemon call with no file transfer
/// lets the next caller send as soon as its message is out (pipelining: guestfsd answers in order, and each call
/// gets its own reply); a file transfer waits for the replies before it and holds the handle to its end. Different
/// handles are independent.</para>
/// <para>If the daemon or appliance goes away, or the protocol breaks, the call in flight fails with a
/// <see cref="GuestfsConnectionException"/> or <see cref="GuestfsProtocolException"/>, the handle returns to
/// CONFIG (its drives and settings kept), later actions fail at once, and <see cref="LaunchAsync"/> works again.</para>
/// <para>Cancellation: during a file transfer (upload/download) the token cancels by the protocol's handshake and
/// the handle stays usable. At any other point the daemon cannot be interrupted: the token stops the wait and the
/// appliance is killed (as libguestfs's user cancel leaves no other choice); the handle returns to CONFIG.</para>
/// </remarks>
public sealed partial class GuestfsHandle : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly object _sync = new();
    private readonly ILogger _connectionLog;
    private readonly ILogger _protocolLog;
    private readonly ILogger _applianceLog;
    private readonly TextWriter _diagnosticWriter;
    private readonly Func<string, IGuestfsBackend> _backendFactory;
    private readonly AppliancePool? _appliancePool;
    private volatile GuestfsState _state = GuestfsState.Config;
    private volatile bool _busy;
    private GuestfsConnection? _connection;
    private IGuestfsBackend? _backend;
    private string? _lastBreakReason;
    private CancellationTokenSource? _transferCancel;

    /// <summary>Creates a handle in the CONFIG state.</summary>
    /// <param name="options">Settings; <see langword="null"/> for the defaults and the environment.</param>
    public GuestfsHandle(GuestfsOptions? options = null)
    {
        options ??= new GuestfsOptions();
        ILoggerFactory loggerFactory = options.LoggerFactory ?? NullLoggerFactory.Instance;
        _connectionLog = loggerFactory.CreateLogger(LogCategories.Connection);
        _protocolLog = loggerFactory.CreateLogger(LogCategories.Protocol);
        _applianceLog = loggerFactory.CreateLogger(LogCategories.Appliance);
        _diagnosticWriter = options.DiagnosticWriter ?? Console.Error;
        _backendFactory = options.BackendFactory ?? BackendFactory.Create;
        _appliancePool = options.AppliancePool;
        InitializeSettings(options);
    }

    /// <summary>The current state.</summary>
    public GuestfsState State => (_busy || _connection is { HasCallsInFlight: true }) && _state == GuestfsState.Ready ? GuestfsState.Busy : _state;

    /// <summary>
    /// Calls a daemon procedure that returns nothing. Generated methods call this after checking arguments.
    /// </summary>
    /// <param name="procedure">The procedure.</param>
    /// <param name="args">The <c>_args</c> structure, or <see langword="null"/> when the procedure has none.</param>
    /// <param name="optargsBitmask">Which optional arguments are set (bit i = i-th optional argument).</param>
    /// <param name="transfer">File transfer, progress sink and trace names.</param>
    /// <param name="cancellationToken">Cancels as the class remarks describe.</param>
    /// <returns>A task that completes when the daemon has replied (and any transfer is done).</returns>
    internal async Task CallAsync(Procedure procedure, IXdrEncodable? args, ulong optargsBitmask, CallTransfer transfer, CancellationToken cancellationToken)
    {
        await CallAsync<NoReply>(procedure, args, optargsBitmask, transfer, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Calls a daemon procedure and returns its decoded <c>_ret</c> structure.</summary>
    /// <typeparam name="TRet">The <c>_ret</c> structure.</typeparam>
    /// <param name="procedure">The procedure.</param>
    /// <param name="args">The <c>_args</c> structure, or <see langword="null"/> when the procedure has none.</param>
    /// <param name="optargsBitmask">Which optional arguments are set (bit i = i-th optional argument).</param>
    /// <param name="transfer">File transfer, progress sink and trace names.</param>
    /// <param name="cancellationToken">Cancels as the class remarks describe.</param>
    /// <returns>The reply.</returns>
    internal async Task<TRet> CallAsync<TRet>(Procedure procedure, IXdrEncodable? args, ulong optargsBitmask, CallTransfer transfer, CancellationToken cancellationToken)
        where TRet : IXdrDecodable<TRet>
    {
        string actionName = transfer.ActionName ?? procedure.ActionName();
        UserAction action = await StartUserActionAsync(GuestfsState.Ready, actionName, cancellationToken).ConfigureAwait(false);
        var pipelined = new PipelinedCall(action);
        try
        {
            // A call with no file transfer lets the next caller send as soon as it is sent (pipelining).
            return await CallCoreAsync<TRet>(procedure, args, optargsBitmask, transfer, actionName, cancellationToken, pipelined.OnSent).ConfigureAwait(false);
        }
        finally
        {
            pipelined.End();
        }
    }

    /// <summary>
    /// The body of a call; the caller holds the guard (library-side actions chain several of these), and
    /// <paramref name="onSent"/>, when given, lets it go once the call is sent.
    /// </summary>
    private async Task<TRet> CallCoreAsync<TRet>(
        Procedure procedure, IXdrEncodable? args, ulong optargsBitmask, CallTransfer transfer, string actionName, CancellationToken cancellationToken, Action? onSent = null)
        where TRet : IXdrDecodable<TRet>
    {
        GuestfsConnection connection = _connection ?? throw WrongState(actionName, GuestfsState.Config, GuestfsState.Ready);
        bool tracing = _trace;
        RaiseEvent(GuestfsEvents.Enter, actionName, null);
        if (tracing)
        {
            string traceArgs = transfer.TraceArgs ?? TraceFormatter.FormatArguments(args);
            TraceLine(traceArgs.Length == 0 ? actionName : actionName + " " + traceArgs);
        }

        using Activity? activity = GuestfsActivitySource.StartCall(actionName, (int)procedure);
        activity?.SetTag(GuestfsActivitySource.SerialTag, connection.NextSerial);

        bool isTransfer = transfer.Upload is not null || transfer.Download is not null;
        CancellationTokenSource? userCancel = null;
        CancellationTokenSource? linked = null;
        CancellationToken token = cancellationToken;
        if (isTransfer)
        {
            userCancel = new CancellationTokenSource();
            Volatile.Write(ref _transferCancel, userCancel);
            linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, userCancel.Token);
            token = linked.Token;
        }

        IProgress<GuestfsProgress>? progressSink = transfer.Progress;
        Action<Progress> onProgress = p => OnProgress(p, progressSink);
        try
        {
            TRet ret = await connection.ExecuteAsync<TRet>(procedure, args, optargsBitmask, transfer.Upload, transfer.Download, actionName, onProgress, token, onSent)
                .ConfigureAwait(false);
            if (tracing)
            {
                TraceLine($"{actionName} = {TraceFormatter.FormatResult(ret)}");
            }

            return ret;
        }
        catch (Exception e)
        {
            activity?.SetStatus(ActivityStatusCode.Error, e.Message);
            if (e is GuestfsException { Errno: { } errno })
            {
                activity?.SetTag(GuestfsActivitySource.ErrnoTag, errno);
            }

            if (tracing)
            {
                TraceLine($"{actionName} = -1 (error)");
            }

            if (connection.IsBroken)
            {
                Break(connection, connection.BrokenReason ?? e.Message);
            }

            if (e is OperationCanceledException && !cancellationToken.IsCancellationRequested && userCancel is { IsCancellationRequested: true })
            {
                throw new GuestfsException($"{actionName}: operation cancelled by user", "EINTR", actionName, e);
            }

            if (e is OperationCanceledException oce && cancellationToken.IsCancellationRequested && oce.CancellationToken != cancellationToken)
            {
                throw new OperationCanceledException(oce.Message, oce, cancellationToken);
            }

            throw;
        }
        finally
        {
            if (isTransfer)
            {
                Interlocked.CompareExchange(ref _transferCancel, null, userCancel);
                linked!.Dispose();
                userCancel!.Dispose();
            }

            if (activity is not null)
            {
                activity.SetTag(GuestfsActivitySource.BytesSentTag, connection.BytesSent);
                activity.SetTag(GuestfsActivitySource.BytesReceivedTag, connection.BytesReceived);
            }
        }
    }

    private void OnProgress(Progress progress, IProgress<GuestfsProgress>? sink)
    {
        var value = new GuestfsProgress((int)progress.Proc, progress.Serial, progress.Position, progress.Total);
        sink?.Report(value);
        RaiseEvent(GuestfsEvents.Progress, string.Empty, new ulong[] { (ulong)(int)progress.Proc, progress.Serial, progress.Position, progress.Total });
    }

    /// <summary>
    /// The single guard of every call: waits (asynchronously, in order) for the handle, then checks the state.
    /// Dispose the result to let the next caller in.
    /// </summary>
    private async ValueTask<UserAction> StartUserActionAsync(GuestfsState required, string actionName, CancellationToken cancellationToken)
    {
        ThrowIfClosed(actionName);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        GuestfsState state = _state;
        if (state != required)
        {
            _gate.Release();
            if (state == GuestfsState.Closed)
            {
                throw new ObjectDisposedException(nameof(GuestfsHandle), $"{actionName}: the handle has been closed");
            }

            throw WrongState(actionName, state, required);
        }

        _busy = required == GuestfsState.Ready;
        return new UserAction(this);
    }

    private void EndUserAction()
    {
        _busy = false;
        _gate.Release();
    }

    private InvalidOperationException WrongState(string actionName, GuestfsState state, GuestfsState required)
    {
        string stateName = StateName(state);
        if (required == GuestfsState.Ready)
        {
            string why = _lastBreakReason is { } reason ? $" (the appliance went away: {reason})" : string.Empty;
            return new InvalidOperationException(
                $"{actionName}: the handle is in the {stateName} state{why}; call LaunchAsync first (this action needs the READY state)");
        }

        return new InvalidOperationException(
            $"{actionName}: this can only be done in the CONFIG state, before LaunchAsync (the handle is in the {stateName} state)");
    }

    private static string StateName(GuestfsState state) => state switch
    {
        GuestfsState.Config => "CONFIG",
        GuestfsState.Launching => "LAUNCHING",
        GuestfsState.Ready => "READY",
        GuestfsState.Busy => "BUSY",
        _ => "CLOSED",
    };

    private void ThrowIfClosed(string actionName)
    {
        if (_state == GuestfsState.Closed)
        {
            throw new ObjectDisposedException(nameof(GuestfsHandle), $"{actionName}: the handle has been closed");
        }
    }

    private void SetState(GuestfsState state)
    {
        GuestfsState old;
        lock (_sync)
        {
            old = _state;
            if (old == GuestfsState.Closed)
            {
                return;
            }

            _state = state;
        }

        if (old != state)
        {
            ConnectionLog.StateChanged(_connectionLog, old, state);
        }
    }

    /// <summary>
    /// The one path for fatal errors: detaches the connection and backend, kills the appliance, returns the
    /// handle to CONFIG and raises <c>subprocess_quit</c>. Idempotent per connection.
    /// </summary>
    /// <param name="connection">The connection that broke.</param>
    /// <param name="reason">Why (kept for the errors of later calls).</param>
    private void Break(GuestfsConnection connection, string reason)
    {
        IGuestfsBackend? backend;
        GuestfsState old;
        lock (_sync)
        {
            if (!ReferenceEquals(_connection, connection))
            {
                return;
            }

            _connection = null;
            backend = _backend;
            _backend = null;
            _lastBreakReason = reason;
            old = _state;
            if (old != GuestfsState.Closed)
            {
                _state = GuestfsState.Config;
            }
        }

        ConnectionLog.Broken(_connectionLog, connection.Stage.ToString(), reason);
        ConnectionLog.StateChanged(_connectionLog, old, GuestfsState.Config);
        connection.Abort(reason);
        if (backend is not null)
        {
            try
            {
                backend.Kill();
            }
            catch (Exception e)
            {
                ConnectionLog.Warning(_connectionLog, "killing the appliance failed: " + e.Message);
            }

            _ = DisposeBackendAsync(backend);
        }

        RaiseEvent(GuestfsEvents.SubprocessQuit, string.Empty, null);
    }

    private async Task DisposeBackendAsync(IGuestfsBackend backend)
    {
        try
        {
            await backend.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception e)
        {
            ConnectionLog.Warning(_connectionLog, "cleaning up the backend failed: " + e.Message);
        }
    }

    private async Task WatchBackendAsync(IGuestfsBackend backend, GuestfsConnection connection)
    {
        string reason;
        try
        {
            reason = await backend.Exited.ConfigureAwait(false);
        }
        catch (Exception e)
        {
            reason = e.Message;
        }

        Break(connection, "the appliance exited: " + reason);
    }

    /// <summary>
    /// Closes the handle: an orderly shutdown when the appliance is running and idle (with autosync when
    /// enabled, bounded by <see cref="GuestfsOptions.ShutdownTimeout"/>), else a kill; then raises <c>close</c> and
    /// removes scratch files. Safe to call twice; never waits longer than the shutdown bound.
    /// </summary>
    /// <returns>A task that completes when everything is cleaned up.</returns>
    public async ValueTask DisposeAsync()
    {
        if (_state == GuestfsState.Closed)
        {
            return;
        }

        RaiseEvent(GuestfsEvents.Close, string.Empty, null);
        if (await _gate.WaitAsync(TimeSpan.Zero).ConfigureAwait(false))
        {
            try
            {
                await ShutdownCoreAsync(CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                ConnectionLog.Warning(_connectionLog, "shutdown during close failed: " + e.Message);
            }
            finally
            {
                _gate.Release();
            }
        }
        else if (_connection is { } busy)
        {
            Break(busy, "the handle was closed while a call was in flight");
        }

        lock (_sync)
        {
            _state = GuestfsState.Closed;
        }

        DeleteScratchFiles();
    }

    private readonly struct UserAction : IDisposable
    {
        private readonly GuestfsHandle _handle;

        public UserAction(GuestfsHandle handle) => _handle = handle;

        public void Dispose() => _handle.EndUserAction();
    }

    /// <summary>Ends a call's user action once, either when its call message is sent or when the call ends.</summary>
    private sealed class PipelinedCall
    {
        private readonly UserAction _action;
        private int _ended;

        public PipelinedCall(UserAction action)
        {
            _action = action;
            OnSent = End;
        }

        public Action OnSent { get; }

        public void End()
        {
            if (Interlocked.Exchange(ref _ended, 1) == 0)
            {
                _action.Dispose();
            }
        }
    }
}
