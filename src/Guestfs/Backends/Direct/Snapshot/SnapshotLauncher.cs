using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Guestfs.Protocol;
using Microsoft.Win32.SafeHandles;

namespace Guestfs.Backends.Direct;

/// <summary>
/// Snapshot launch: the saved state of a booted appliance that waits for its disks, keyed by everything that
/// affects it, and the save run that creates it. <c>appliance/README.md</c> ("Snapshot launch") describes the design.
/// </summary>
internal sealed class SnapshotLauncher
{
    private const string FormatVersion = "guestfs-snapshot-3";
    private const string StateFile = "state";
    private const string OverlayFile = "root.qcow2";
    private const string RamFile = "ram";

    /// <summary>How long after a failed save launches do not try to save this key again.</summary>
    public static readonly TimeSpan FailedSaveBackoff = TimeSpan.FromHours(1);

    /// <summary>How many states (keys) the cache keeps: different memory sizes or settings each have one.</summary>
    private const int KeptStates = 4;

    private readonly SnapshotSettings _settings;

    private SnapshotLauncher(string snapshotRoot, string key, SnapshotSettings settings)
    {
        SnapshotRoot = snapshotRoot;
        Key = key;
        Directory = Path.Combine(snapshotRoot, key);
        _settings = settings;
    }

    /// <summary>The directory holding every key's state (<c>.guestfs-net-UID/snapshot.d</c>).</summary>
    public string SnapshotRoot { get; }

    /// <summary>The cache key (hex sha256).</summary>
    public string Key { get; }

    /// <summary>The directory of this key's state.</summary>
    public string Directory { get; }

    /// <summary>The saved machine state.</summary>
    public string StatePath => Path.Combine(Directory, StateFile);

    /// <summary>The saved root overlay (the root as the saved guest saw it).</summary>
    public string OverlayPath => Path.Combine(Directory, OverlayFile);

    /// <summary>The saved guest memory (a sparse file the size of the guest's memory).</summary>
    public string RamPath => Path.Combine(Directory, RamFile);

    /// <summary>
    /// Marks a failed save of this key (its text says why). For <see cref="FailedSaveBackoff"/> after it, launches boot
    /// normally instead of paying for another save run that would likely fail the same way.
    /// </summary>
    public string FailedSavePath => Path.Combine(SnapshotRoot, Key + ".failed");

    /// <summary>How fresh this key's state is (restores counted, age); a stale state is saved again.</summary>
    public SnapshotUsage Usage => new(Directory, _settings.MaxUses, _settings.MaxAge);

    /// <summary>Whether a complete state exists for this key.</summary>
    public bool HasState => File.Exists(StatePath) && File.Exists(OverlayPath) && File.Exists(RamPath);

    /// <summary>The snapshot store for this launch, or <see langword="null"/> (with a debug message) when it cannot be used.</summary>
    /// <param name="appliance">The appliance.</param>
    /// <param name="parameters">The launch parameters.</param>
    /// <param name="hypervisor">The qemu binary.</param>
    /// <param name="kvm">Whether KVM is used.</param>
    /// <param name="sink">Debug messages.</param>
    /// <returns>The launcher, or <see langword="null"/>.</returns>
    public static SnapshotLauncher? Create(ApplianceFiles appliance, LaunchParameters parameters, string hypervisor, bool kvm, IBackendEventSink sink)
    {
        SnapshotSettings settings = SnapshotSettings.Read(parameters.BackendSettings);
        if (!settings.Enabled)
        {
            sink.OnDebug($"launch: snapshot: off ({settings.Reason})");
            return null;
        }

        if (parameters.Append is { } append && append.Contains("guestfs_udev=1", StringComparison.Ordinal))
        {
            sink.OnDebug("launch: snapshot: not used with guestfs_udev=1 (udev scans the disks at boot); booting normally");
            return null;
        }

        string checksumFile = Path.Combine(appliance.Directory, "checksum");
        if (appliance.IsFixed || !File.Exists(checksumFile))
        {
            sink.OnDebug("launch: snapshot: not used for a fixed appliance (no cache checksum); booting normally");
            return null;
        }

        string? hypervisorPath = ProcessRunner.ResolveProgram(hypervisor);
        if (hypervisorPath is null)
        {
            sink.OnDebug($"launch: snapshot: cannot find {hypervisor}; booting normally");
            return null;
        }

        var key = new StringBuilder();
        key.AppendLine(FormatVersion);
        key.AppendLine(File.ReadAllText(checksumFile).Trim());
        foreach (string file in new[] { hypervisorPath, appliance.Kernel, appliance.Initrd, appliance.Root })
        {
            var info = new FileInfo(file);
            key.AppendLine(CultureInfo.InvariantCulture, $"{info.FullName} {info.Length} {info.LastWriteTimeUtc.Ticks}");
        }

        key.AppendLine(CultureInfo.InvariantCulture, $"memsize={parameters.MemsizeMb} smp={parameters.Smp} kvm={kvm}");
        key.AppendLine(CultureInfo.InvariantCulture, $"verbose={parameters.Verbose} network={parameters.Network} selinux={parameters.Selinux}");
        key.AppendLine("append=" + (parameters.Append ?? string.Empty).Trim());
        foreach (string setting in new[] { "machine", "pvh" })
        {
            key.AppendLine(setting + "=" + parameters.BackendSettings.GetValueOrDefault(setting, string.Empty));
        }

        // The machine itself, as this library builds it for a restore (socket paths aside): a library that changes a
        // device, the CPU model or the kernel command line gets a new key rather than a failing restore.
        var layout = new SnapshotLayout("OVERLAY", RootWritable: false, "TRIGGER", "QMP", Incoming: true, "RAM");
        key.AppendLine(string.Join(' ', QemuCommandLine.Build(appliance, [], parameters, kvm, "CHANNEL", layout)));

        string hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key.ToString())));
        string root = Path.Combine(Path.GetDirectoryName(appliance.Directory.TrimEnd('/'))!, "snapshot.d");
        SecureDirectory.Ensure(root);
        var launcher = new SnapshotLauncher(root, hash, settings);
        SecureDirectory.Verify(launcher.Directory);
        return launcher;
    }

    /// <summary>Records that this state was just used: one more restore, and the least recently used states are removed first.</summary>
    public void MarkUsed()
    {
        Usage.RecordUse();
        try
        {
            System.IO.Directory.SetLastWriteTimeUtc(Directory, DateTime.UtcNow);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }

    /// <summary>Removes this key's state (after a failed restore).</summary>
    public void Discard()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }

    /// <summary>
    /// Boots the appliance to the snapshot point and saves its state, unless another process holds the lock.
    /// </summary>
    /// <param name="appliance">The appliance.</param>
    /// <param name="parameters">The launch parameters.</param>
    /// <param name="hypervisor">The qemu binary.</param>
    /// <param name="kvm">Whether KVM is used.</param>
    /// <param name="sink">Debug messages and appliance output.</param>
    /// <param name="onStarted">Called with the save run's qemu once it runs (the backend reports and tracks it).</param>
    /// <param name="cancellationToken">Stops the save run.</param>
    /// <returns>Whether a state exists now.</returns>
    public async Task<bool> CreateAsync(
        ApplianceFiles appliance, LaunchParameters parameters, string hypervisor, bool kvm, IBackendEventSink sink,
        Action<Process> onStarted, CancellationToken cancellationToken)
    {
        SecureDirectory.Ensure(SnapshotRoot);
        FileStream? lockFile = null;
        string? work = null;
        string? sockets = null;
        var sockets3 = new List<Socket>();
        try
        {
            try
            {
                lockFile = SecureFile.Open(Path.Combine(SnapshotRoot, Key + ".lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException e)
            {
                sink.OnDebug($"launch: snapshot: cannot take the save lock ({e.Message}); booting normally");
                return false;
            }

            if (HasState)
            {
                return true;
            }

            if (RecentSaveFailure() is { } failure)
            {
                sink.OnDebug(string.Create(CultureInfo.InvariantCulture,
                    $"launch: snapshot: saving this state failed {failure.Age.TotalMinutes:0} min ago ({failure.Reason}); booting normally without trying again for {FailedSaveBackoff.TotalMinutes:0} min (remove {FailedSavePath} to retry now)"));
                return false;
            }

            bool Fail(string reason)
            {
                sink.OnDebug($"launch: snapshot: {reason}; booting normally");
                RecordSaveFailure(reason);
                return false;
            }

            work = PrivateDirectory.Create(SnapshotRoot, Key[..16] + ".tmp-");
            string overlay = Path.Combine(work, OverlayFile);
            ProcessResult made = await ProcessRunner.RunAsync(
                QemuImg(hypervisor), ["create", "-q", "-f", "qcow2", "-F", "raw", "-b", appliance.Root, overlay],
                TimeSpan.FromSeconds(60), null, null, cancellationToken).ConfigureAwait(false);
            if (made.ExitCode != 0)
            {
                return Fail("qemu-img create failed: " + made.StandardError.Trim());
            }

            sockets = PrivateDirectory.Create("/tmp", "guestfs-snap-");
            Socket channelListener = Listen(Path.Combine(sockets, "channel.sock"), sockets3);
            Socket triggerListener = Listen(Path.Combine(sockets, "trigger.sock"), sockets3);
            Socket qmpListener = Listen(Path.Combine(sockets, "qmp.sock"), sockets3);
            var layout = new SnapshotLayout(
                overlay, RootWritable: true, Path.Combine(sockets, "trigger.sock"), Path.Combine(sockets, "qmp.sock"), Incoming: false, Path.Combine(work, RamFile));
            IReadOnlyList<string> arguments = await QemuSandbox.ConfineAsync(
                hypervisor, QemuCommandLine.Build(appliance, [], parameters, kvm, Path.Combine(sockets, "channel.sock"), layout)).ConfigureAwait(false);

            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            Task<ProcessResult> qemu = ProcessRunner.RunAsync(
                QemuSandbox.CreateStartInfo(hypervisor, arguments, sockets), ProcessTether.Start, parameters.LaunchTimeout,
                line => sink.OnDebug("snapshot qemu: " + line), stop.Token, onStarted);
            try
            {
                Socket channel = await Guard(channelListener.AcceptAsync(stop.Token).AsTask(), qemu).ConfigureAwait(false);
                sockets3.Add(channel);
                Socket trigger = await Guard(triggerListener.AcceptAsync(stop.Token).AsTask(), qemu).ConfigureAwait(false);
                sockets3.Add(trigger);
                Socket qmpSocket = await Guard(qmpListener.AcceptAsync(stop.Token).AsTask(), qemu).ConfigureAwait(false);
                using var qmp = new QmpClient(qmpSocket);
                await Guard(qmp.InitializeAsync(stop.Token), qemu).ConfigureAwait(false);

                // The init starts the daemon, which sends its launch flag, and then says "ready": the saved state
                // has a daemon waiting for its first request and an init waiting for the trigger.
                string ready = await Guard(ReadLineAsync(trigger, stop.Token), qemu).ConfigureAwait(false);
                if (ready != "ready")
                {
                    return Fail($"the appliance said '{ready}' instead of 'ready'");
                }

                byte[] flag = new byte[4];
                await Guard(ReceiveExactlyAsync(channel, flag, stop.Token), qemu).ConfigureAwait(false);
                if (BinaryPrimitives.ReadUInt32BigEndian(flag) != ProtocolConstants.LaunchFlag)
                {
                    return Fail($"the daemon's first word was 0x{BinaryPrimitives.ReadUInt32BigEndian(flag):x8}, not the launch flag");
                }

                string state = Path.Combine(work, StateFile);
                await qmp.ExecuteAsync("stop", null, stop.Token).ConfigureAwait(false);
                sink.OnDebug("launch: snapshot: the appliance is stopped; saving its state");
                await qmp.ExecuteAsync("migrate-set-capabilities", IgnoreSharedMemory, stop.Token).ConfigureAwait(false);

                // qemu writes the state to a descriptor we opened (qemu's sandbox forbids the shell of exec: migration).
                using (SafeFileHandle stateFile = File.OpenHandle(state, FileMode.CreateNew, FileAccess.Write))
                {
                    await qmp.PassFileAsync(StateFile, stateFile, stop.Token).ConfigureAwait(false);
                }

                await qmp.ExecuteAsync("migrate", new JsonObject { ["uri"] = "fd:" + StateFile }, stop.Token).ConfigureAwait(false);
                string status;
                while (true)
                {
                    JsonNode? info = await qmp.ExecuteAsync("query-migrate", null, stop.Token).ConfigureAwait(false);
                    status = info?["status"]?.GetValue<string>() ?? "none";
                    if (status is "completed" or "failed" or "cancelled")
                    {
                        break;
                    }

                    await Task.Delay(20, stop.Token).ConfigureAwait(false);
                }

                if (status != "completed")
                {
                    return Fail($"saving the state {status}");
                }

                await qmp.ExecuteAsync("quit", null, stop.Token).ConfigureAwait(false);
                await qemu.WaitAsync(TimeSpan.FromSeconds(30), stop.Token).ConfigureAwait(false);
            }
            finally
            {
                if (!qemu.IsCompleted)
                {
                    await stop.CancelAsync().ConfigureAwait(false);
                    try
                    {
                        await qemu.ConfigureAwait(false);
                    }
                    catch (OperationCanceledException)
                    {
                    }
                }
            }

            // Publish ours, then keep only the most recently used states (other settings, or stale inputs).
            new SnapshotUsage(work, _settings.MaxUses, _settings.MaxAge).Start();
            System.IO.Directory.Move(work, Directory);
            TryDeleteFile(FailedSavePath);
            var others = new List<DirectoryInfo>();
            foreach (DirectoryInfo other in new DirectoryInfo(SnapshotRoot).EnumerateDirectories())
            {
                if (other.Name.Contains(".tmp-", StringComparison.Ordinal))
                {
                    // A save run that died: its qemu is long gone after an hour.
                    if (other.LastWriteTimeUtc < DateTime.UtcNow.AddHours(-1))
                    {
                        TryDelete(other.FullName);
                    }
                }
                else if (other.Name != Key)
                {
                    others.Add(other);
                }
            }

            others.Sort((a, b) => b.LastWriteTimeUtc.CompareTo(a.LastWriteTimeUtc));
            for (int i = KeptStates - 1; i < others.Count; i++)
            {
                TryDelete(others[i].FullName);
            }

            work = null;
            sink.OnDebug(string.Create(CultureInfo.InvariantCulture,
                $"launch: snapshot: saved state {Key[..16]} (device state {new FileInfo(StatePath).Length / 1024} KiB, memory file {new FileInfo(RamPath).Length / (1024 * 1024)} MiB, sparse)"));
            return true;
        }
        finally
        {
            foreach (Socket socket in sockets3)
            {
                socket.Dispose();
            }

            PrivateDirectory.Delete(sockets);
            if (work is not null)
            {
                TryDelete(work);
            }

            lockFile?.Dispose();
        }
    }

    /// <summary>Records a failed save (see <see cref="FailedSavePath"/>); a marker that cannot be written is left out.</summary>
    /// <param name="reason">Why it failed (the first line is kept).</param>
    public void RecordSaveFailure(string reason)
    {
        SecureDirectory.Ensure(SnapshotRoot);
        try
        {
            string line = reason.Split('\n')[0].Trim();
            TryDeleteFile(FailedSavePath);  // a planted link is removed, never written through
            using FileStream marker = SecureFile.Open(FailedSavePath, FileMode.CreateNew, FileAccess.Write);
            marker.Write(Encoding.UTF8.GetBytes(line.Length > 300 ? line[..300] : line));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }

    /// <summary>The last failed save of this key, when it is younger than <see cref="FailedSaveBackoff"/>.</summary>
    private (TimeSpan Age, string Reason)? RecentSaveFailure()
    {
        try
        {
            if (!File.Exists(FailedSavePath))
            {
                return null;
            }

            using FileStream marker = SecureFile.Open(FailedSavePath, FileMode.Open, FileAccess.Read);
            TimeSpan age = DateTime.UtcNow - File.GetLastWriteTimeUtc(marker.SafeFileHandle);
            if (age >= FailedSaveBackoff || age < TimeSpan.Zero)
            {
                return null;
            }

            byte[] text = new byte[300];
            return (age, Encoding.UTF8.GetString(text, 0, marker.ReadAtLeast(text, text.Length, throwOnEndOfStream: false)).Trim());
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static void TryDeleteFile(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }

    /// <summary>
    /// The migration capability that leaves shared guest memory out of the stream: the memory is the RAM file.
    /// Set on both sides (a fresh object each time: a JSON node has one parent).
    /// </summary>
    internal static JsonObject IgnoreSharedMemory => new()
    {
        ["capabilities"] = new JsonArray(new JsonObject { ["capability"] = "x-ignore-shared", ["state"] = true }),
    };

    /// <summary>
    /// Reads one line (up to a newline) from a socket, a byte at a time so that nothing after it is consumed. A line
    /// longer than <see cref="BoundedLineReader.ApplianceLineMax"/> fails: the guest writes this port.
    /// </summary>
    /// <param name="socket">The socket.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>The line without its newline.</returns>
    internal static async Task<string> ReadLineAsync(Socket socket, CancellationToken cancellationToken)
    {
        using var stream = new NetworkStream(socket, ownsSocket: false);
        var reader = new BoundedLineReader(stream, BoundedLineReader.ApplianceLineMax, "the snapshot port", bufferSize: 1);
        return await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) ?? throw new IOException("the snapshot port closed");
    }

    /// <summary>Reads exactly <paramref name="buffer"/>'s length from a socket.</summary>
    /// <param name="socket">The socket.</param>
    /// <param name="buffer">The buffer to fill.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>A task that completes when the buffer is full.</returns>
    internal static async Task ReceiveExactlyAsync(Socket socket, byte[] buffer, CancellationToken cancellationToken)
    {
        int filled = 0;
        while (filled < buffer.Length)
        {
            int read = await socket.ReceiveAsync(buffer.AsMemory(filled), SocketFlags.None, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                throw new IOException("the daemon channel closed");
            }

            filled += read;
        }
    }

    /// <summary>Creates a listening unix socket.</summary>
    /// <param name="path">Its path.</param>
    /// <param name="owned">Collects the socket for disposal.</param>
    /// <returns>The listener.</returns>
    internal static Socket Listen(string path, List<Socket> owned)
    {
        var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        owned.Add(listener);
        listener.Bind(new UnixDomainSocketEndPoint(path));
        listener.Listen(1);
        return listener;
    }

    /// <summary>The qemu-img beside the hypervisor, else from the path.</summary>
    /// <param name="hypervisor">The qemu binary.</param>
    /// <returns>The qemu-img program.</returns>
    internal static string QemuImg(string hypervisor)
    {
        string? directory = Path.GetDirectoryName(hypervisor);
        return !string.IsNullOrEmpty(directory) && File.Exists(Path.Combine(directory, "qemu-img")) ? Path.Combine(directory, "qemu-img") : "qemu-img";
    }

    private static async Task<T> Guard<T>(Task<T> step, Task<ProcessResult> qemu)
    {
        if (await Task.WhenAny(step, qemu).ConfigureAwait(false) != step)
        {
            ProcessResult result = await qemu.ConfigureAwait(false);
            throw new IOException($"qemu exited with status {result.ExitCode} while saving: {result.StandardError.Trim()}");
        }

        return await step.ConfigureAwait(false);
    }

    private static async Task Guard(Task step, Task<ProcessResult> qemu) =>
        await Guard(step.ContinueWith(t => { t.GetAwaiter().GetResult(); return true; }, CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default), qemu).ConfigureAwait(false);

    private static void TryDelete(string directory)
    {
        try
        {
            System.IO.Directory.Delete(directory, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }
}
