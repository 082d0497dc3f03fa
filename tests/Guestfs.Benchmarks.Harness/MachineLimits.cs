using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using Guestfs.Backends.Direct;

namespace Guestfs.Benchmarks.Harness;

/// <summary>
/// What no library can beat on this machine: the bare kernel + tiny initramfs (<c>eng/bench/make-initramfs.sh</c>)
/// reaching userspace under TCG, and the raw guest → host virtio-serial throughput of <c>dd</c> into a port.
/// </summary>
public static class MachineLimits
{
    private const string UserspaceMarker = "GUESTFS-BENCH-USERSPACE";
    private const string VserialDoneMarker = "GUESTFS-BENCH-VSERIAL-DONE";
    private const string ErrorMarker = "GUESTFS-BENCH-ERROR";
    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(5);

    /// <summary>Boots the kernel and initramfs; times qemu start → the userspace marker, and → qemu exit.</summary>
    /// <param name="options"><c>--kernel --initrd</c>.</param>
    /// <returns>The sample (<c>boot_s</c>, <c>poweroff_s</c>).</returns>
    public static async Task<Sample?> BootAsync(HarnessArguments options)
    {
        var figures = new Dictionary<string, double>();
        var sw = Stopwatch.StartNew();
        using Process qemu = StartQemu(options.Required("kernel"), options.Required("initrd"), extraAppend: string.Empty, extraArgs: []);
        await WaitForLineAsync(qemu, UserspaceMarker).ConfigureAwait(false);
        figures["boot_s"] = sw.Elapsed.TotalSeconds;
        await WaitForExitAsync(qemu).ConfigureAwait(false);
        figures["poweroff_s"] = sw.Elapsed.TotalSeconds;
        return new Sample("limit-boot", figures);
    }

    /// <summary>
    /// Boots with a virtio-serial port on a unix socket; the guest writes <c>--mb</c> MiB of zeros into it and the
    /// host reads them. Times the first byte → the last byte. With <c>--echo N</c>, then times N round trips of a
    /// 64-byte message that the guest's <c>dd</c> echoes.
    /// </summary>
    /// <param name="options"><c>--kernel --initrd --mb [--echo N]</c>.</param>
    /// <returns>The sample (<c>vserial_mbps</c>, <c>vserial_rtt_us</c>).</returns>
    public static async Task<Sample?> VirtioSerialAsync(HarnessArguments options)
    {
        int mebibytes = options.RequiredInt("mb");
        int echoes = options.Optional("echo") is null ? 0 : options.RequiredInt("echo");
        long expected = mebibytes * 1048576L;
        string dir = Directory.CreateTempSubdirectory("guestfs-bench-").FullName;
        string socketPath = Path.Combine(dir, "vs.sock");
        try
        {
            using Process qemu = StartQemu(
                options.Required("kernel"),
                options.Required("initrd"),
                extraAppend: echoes > 0 ? $" bench.vserial={mebibytes} bench.echo={echoes}" : $" bench.vserial={mebibytes}",
                extraArgs:
                [
                    "-chardev", $"socket,id=vs0,path={socketPath},server=on,wait=off",
                    "-device", "virtio-serial-pci",
                    "-device", "virtserialport,chardev=vs0,name=org.guestfs.bench",
                ]);
            using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            var deadline = Stopwatch.StartNew();
            while (true)
            {
                try
                {
                    await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath)).ConfigureAwait(false);
                    break;
                }
                catch (SocketException) when (deadline.Elapsed < TimeSpan.FromSeconds(30) && !qemu.HasExited)
                {
                    await Task.Delay(20).ConfigureAwait(false);
                }
            }

            byte[] buffer = new byte[1 << 20];
            long received = 0;
            Stopwatch? sw = null;
            using var cts = new CancellationTokenSource(s_timeout);
            while (received < expected)
            {
                int n = await socket.ReceiveAsync(buffer.AsMemory(), SocketFlags.None, cts.Token).ConfigureAwait(false);
                if (n == 0)
                {
                    throw new IOException(
                        $"the virtio-serial socket closed after {received} of {expected} bytes; the guest console ended with:\n" +
                        await ConsoleTailAsync(qemu).ConfigureAwait(false));
                }

                sw ??= Stopwatch.StartNew();
                received += n;
            }

            double seconds = sw!.Elapsed.TotalSeconds;
            var figures = new Dictionary<string, double> { ["vserial_mbps"] = expected / 1e6 / seconds };
            if (echoes > 0)
            {
                // Round trips of a 64-byte message through the guest's dd: the smallest possible call.
                byte[] message = new byte[64];
                var roundTrips = Stopwatch.StartNew();
                for (int i = 0; i < echoes; i++)
                {
                    await socket.SendAsync(message.AsMemory(), SocketFlags.None, cts.Token).ConfigureAwait(false);
                    int got = 0;
                    while (got < message.Length)
                    {
                        int n = await socket.ReceiveAsync(buffer.AsMemory(0, message.Length - got), SocketFlags.None, cts.Token).ConfigureAwait(false);
                        if (n == 0)
                        {
                            throw new IOException(
                                $"the virtio-serial socket closed during echo {i} of {echoes}; the guest console ended with:\n" +
                                await ConsoleTailAsync(qemu).ConfigureAwait(false));
                        }

                        got += n;
                    }
                }

                figures["vserial_rtt_us"] = roundTrips.Elapsed.TotalMicroseconds / echoes;
            }

            await WaitForLineAsync(qemu, VserialDoneMarker).ConfigureAwait(false);
            await WaitForExitAsync(qemu).ConfigureAwait(false);
            return new Sample("limit-vserial", figures);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static Process StartQemu(string kernel, string initrd, string extraAppend, string[] extraArgs)
    {
        string hypervisor = Environment.GetEnvironmentVariable("LIBGUESTFS_HV") ?? "qemu-system-x86_64";
        var psi = new ProcessStartInfo(hypervisor)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        string[] args =
        [
            "-nodefaults", "-display", "none", "-no-reboot",
            "-machine", "pc,accel=tcg", "-cpu", QemuCommandLine.TcgCpuModel, "-m", "512",
            .. QemuFirmware.NormalBootFirmware(hypervisor, new Dictionary<string, string>()) is { } firmware ? ["-bios", firmware] : Array.Empty<string>(),
            "-kernel", kernel, "-initrd", initrd,
            "-serial", "stdio",
            "-append", "console=ttyS0 quiet panic=1 no_timer_check edd=off cryptomgr.notests 8250.nr_uarts=1 usbcore.nousb" + extraAppend,
            .. extraArgs,
        ];
        foreach (string a in args)
        {
            psi.ArgumentList.Add(a);
        }

        Process p = Process.Start(psi) ?? throw new InvalidOperationException("qemu did not start");
        p.StandardInput.Close();
        _ = p.StandardError.ReadToEndAsync();
        return p;
    }

    private static async Task WaitForLineAsync(Process qemu, string marker)
    {
        using var cts = new CancellationTokenSource(s_timeout);
        while (true)
        {
            string? line;
            try
            {
                line = await qemu.StandardOutput.ReadLineAsync(cts.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                qemu.Kill();
                throw new TimeoutException($"no '{marker}' from the guest within {s_timeout.TotalMinutes} minutes");
            }

            if (line is null)
            {
                throw new InvalidOperationException($"qemu exited (code {await ExitCodeAsync(qemu).ConfigureAwait(false)}) before the guest printed '{marker}'");
            }

            if (line.Contains(ErrorMarker, StringComparison.Ordinal))
            {
                qemu.Kill();
                throw new InvalidOperationException($"the guest reported: {line.Trim()}");
            }

            if (line.Contains(marker, StringComparison.Ordinal))
            {
                return;
            }
        }
    }

    private static async Task<string> ConsoleTailAsync(Process qemu)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            string rest = await qemu.StandardOutput.ReadToEndAsync(cts.Token).ConfigureAwait(false);
            string[] lines = rest.Split('\n');
            return string.Join('\n', lines[Math.Max(0, lines.Length - 15)..]);
        }
        catch (OperationCanceledException)
        {
            qemu.Kill();
            return "(qemu is still running; killed)";
        }
    }

    private static async Task WaitForExitAsync(Process qemu)
    {
        int code = await ExitCodeAsync(qemu).ConfigureAwait(false);
        if (code != 0)
        {
            throw new InvalidOperationException($"qemu exited with code {code}");
        }
    }

    private static async Task<int> ExitCodeAsync(Process qemu)
    {
        using var cts = new CancellationTokenSource(s_timeout);
        try
        {
            _ = qemu.StandardOutput.ReadToEndAsync(cts.Token);
            await qemu.WaitForExitAsync(cts.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            qemu.Kill();
            throw new TimeoutException("qemu did not exit");
        }

        return qemu.ExitCode;
    }
}
