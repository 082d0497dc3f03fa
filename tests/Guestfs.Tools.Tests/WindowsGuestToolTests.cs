using System;
using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;

namespace Guestfs.Tools.Tests;

/// <summary>
/// The tools on the Windows-like guest: virt-cat's Windows paths (a drive letter, backslashes, any case), and
/// virt-log's System event log, which stock hands to <c>evtxdump.py</c> (python-evtx's old name: Debian's package
/// installs <c>evtx_dump.py</c>, so stock asks for it to be installed). The campaign (<c>Category=StockMatrix</c>)
/// compares with stock, also with a stand-in <c>evtxdump.py</c> on <c>PATH</c> that prints the file it is given.
/// </summary>
[Trait("Category", "Appliance")]
[Collection(RpmAndWindowsImagesCollection.Name)]
public sealed class WindowsGuestToolTests
{
    private const string EventLogPath = @"c:\windows\SYSTEM32\winevt\logs\system.EVTX";

    private readonly RpmAndWindowsImages _images;

    public WindowsGuestToolTests(RpmAndWindowsImages images)
    {
        _images = images;
    }

    [SkippableFact]
    public async Task Cat_WindowsPath_ResolvesDriveAndCase()
    {
        string disk = await _images.WindowsAsync();
        var ours = await ExternalProgram.RunStockAsync(Path.Combine(RepositoryPaths.Root, "eng", "virt-cat"), ["-a", disk, EventLogPath], _images.Directory);
        Assert.True(ours.ExitCode == 0, ours.ToString());
        Assert.Equal(WindowsGuestImage.EventLogText, ours.Stdout);
    }

    [SkippableTheory]
    [Trait("Category", "StockMatrix")]
    [InlineData(EventLogPath)]
    [InlineData("/Windows/System32/winevt/Logs/System.evtx", @"\WINDOWS\system32\WINEVT\Logs\System.evtx")]
    [InlineData(@"C:\missing\file", EventLogPath)]
    [InlineData(@"c:\Windows\System32\cmd.exe\below")]
    [InlineData(@"z:\file")]
    public async Task Cat_WindowsPath_SameAsStock(params string[] paths)
    {
        string disk = await _images.WindowsAsync();
        var run = await ToolComparison.RunAsync("virt-cat", ["-a", disk, .. paths], _images.Directory);
        run.AssertSameWithStderr();
    }

    [SkippableFact]
    [Trait("Category", "StockMatrix")]
    public async Task Log_Windows_WithoutEvtxdump_SameAsStock()
    {
        string disk = await _images.WindowsAsync();
        var run = await ToolComparison.RunAsync("virt-log", ["-a", disk], _images.Directory);
        run.AssertSameWithStderr();
    }

    [SkippableTheory]
    [Trait("Category", "StockMatrix")]
    [InlineData(0)]
    [InlineData(3)]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public async Task Log_Windows_ThroughEvtxdump_SameAsStock(int status)
    {
        string disk = await _images.WindowsAsync();
        string bin = Directory.CreateDirectory(Path.Combine(_images.Directory, $"evtxdump-{status}")).FullName;
        string script = Path.Combine(bin, "evtxdump.py");
        await File.WriteAllTextAsync(script, $"""
            #!/bin/sh
            [ "$1" = -h ] && exit 0
            printf 'evtxdump.py: %s bytes\n' "$(wc -c < "$1")"
            cat "$1"
            exit {status}

            """);
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var environment = new Dictionary<string, string?> { ["PATH"] = bin + ":" + Environment.GetEnvironmentVariable("PATH") };

        var run = await ToolComparison.RunAsync("virt-log", ["-a", disk], _images.Directory, environment);
        run.AssertSameWithStderr();
        Assert.Equal(status == 0 ? 0 : 1, run.Stock.ExitCode);
        Assert.Contains(WindowsGuestImage.EventLogText, run.Stock.Stdout, StringComparison.Ordinal);
    }
}
