using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;

namespace Guestfs.Tests.Engine;

/// <summary>parse_environment_list compared with stock <c>guestfish -- parse-environment-list</c> (no appliance needed).</summary>
public sealed class ParseEnvironmentTests
{
    [Theory]
    [InlineData("LIBGUESTFS_MEMSIZE=abc")]
    [InlineData("LIBGUESTFS_MEMSIZE=100")]
    [InlineData("LIBGUESTFS_TRACE=maybe")]
    [InlineData("LIBGUESTFS_DEBUG=")]
    [InlineData("TMPDIR=/nonexistent-guestfs-dir")]
    [InlineData("TMPDIR=/etc/passwd")]
    [InlineData("XDG_RUNTIME_DIR=/nonexistent-guestfs-dir")]
    public async Task BadValue_SameErrorAsStock(string variable)
    {
        (int exit, string stdout, string stderr) = Stock(variable, "get-memsize");
        Assert.True(exit == 1, stdout + stderr);
        const string marker = "libguestfs: error: ";
        string expected = stderr.Substring(stderr.IndexOf(marker, StringComparison.Ordinal) + marker.Length).TrimEnd('\n');

        await using var g = NewHandle();
        ArgumentException e = await Assert.ThrowsAsync<ArgumentException>(() => g.ParseEnvironmentListAsync([variable]));
        Assert.Equal(expected, e.Message);
    }

    [Fact]
    public async Task Values_SameSettingsAsStock()
    {
        string[] environment =
        [
            "LIBGUESTFS_MEMSIZE=600x", "LIBGUESTFS_APPEND=quiet", "LIBGUESTFS_BACKEND_SETTINGS=a::b", "LIBGUESTFS_QEMU=/x", "TMPDIR=/var/tmp",
            "NOEQ", "LIBGUESTFS_PATH=/p", "LIBGUESTFS_PATH=/q", "LIBGUESTFS_TRACE=No", "LIBGUESTFS_DEBUG=off",
        ];
        (int exit, string stdout, string stderr) = Stock(
            string.Join(' ', environment), "get-memsize", ":", "get-append", ":", "get-backend-settings", ":", "get-hv", ":", "get-tmpdir", ":", "get-path",
            ":", "get-trace", ":", "get-verbose");
        Assert.True(exit == 0, stderr);

        await using var g = NewHandle();
        await g.ParseEnvironmentListAsync(environment);
        var ours = new List<string>
        {
            (await g.GetMemsizeAsync()).ToString(System.Globalization.CultureInfo.InvariantCulture),
            (await g.GetAppendAsync())!,
        };
        ours.AddRange(await g.GetBackendSettingsAsync());
        ours.Add(await g.GetHvAsync());
        ours.Add(await g.GetTmpdirAsync());
        ours.Add(await g.GetPathAsync());
        ours.Add(await g.GetTraceAsync() ? "true" : "false");
        ours.Add(await g.GetVerboseAsync() ? "true" : "false");
        Assert.Equal(stdout, string.Join('\n', ours) + "\n");
    }

    [Fact]
    public async Task EmptyList_ClearsTheEnvironmentDirectories()
    {
        await using var g = new GuestfsHandle(new GuestfsOptions
        {
            EnvironmentReader = n => n == "TMPDIR" ? "/var/tmp" : null,
            DiagnosticWriter = TextWriter.Null,
        });
        Assert.Equal("/var/tmp", await g.GetTmpdirAsync());
        await g.ParseEnvironmentListAsync([]);
        Assert.Equal("/tmp", await g.GetTmpdirAsync());
    }

    [Fact]
    public async Task ParseEnvironment_ReadsTheEnvironmentAgain_Strictly()
    {
        var environment = new Dictionary<string, string> { ["LIBGUESTFS_MEMSIZE"] = "700" };
        await using var g = new GuestfsHandle(new GuestfsOptions { EnvironmentReader = n => environment.GetValueOrDefault(n), DiagnosticWriter = TextWriter.Null });
        Assert.Equal(700, await g.GetMemsizeAsync());
        environment["LIBGUESTFS_MEMSIZE"] = "900";
        environment["LIBGUESTFS_BACKEND_SETTINGS"] = "force_tcg";
        await g.ParseEnvironmentAsync();
        Assert.Equal(900, await g.GetMemsizeAsync());
        Assert.Equal(["force_tcg"], await g.GetBackendSettingsAsync());

        environment["LIBGUESTFS_TRACE"] = "sometimes";
        ArgumentException e = await Assert.ThrowsAsync<ArgumentException>(() => g.ParseEnvironmentAsync());
        Assert.Equal("LIBGUESTFS_TRACE=sometimes: non-boolean value", e.Message);
    }

    [Fact]
    public async Task ClosedHandle_Refused()
    {
        await using var g = NewHandle();
        await g.DisposeAsync();
        await Assert.ThrowsAnyAsync<ObjectDisposedException>(() => g.ParseEnvironmentListAsync(["LIBGUESTFS_TRACE=1"]));
    }

    private static GuestfsHandle NewHandle() => new(new GuestfsOptions { ReadEnvironment = false, DiagnosticWriter = TextWriter.Null });

    private static ProgramResult Stock(string environment, params string[] more) =>
        ExternalProgram.Run("guestfish", ["--", "parse-environment-list", environment, ":", .. more], environment: ExternalProgram.StockEnvironment);
}
