using System;
using System.Threading;
using System.Threading.Tasks;

namespace Guestfs.ApplianceTests;

/// <summary>The FTP servers a test class shares (started on first use, killed on dispose): one plain, one with implicit TLS.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class FtpServers : IDisposable
{
    private readonly SemaphoreSlim _start = new(1, 1);
    private FtpServer? _plain;
    private FtpServer? _tls;

    /// <summary>The plain FTP server.</summary>
    public FtpServer Plain => _plain ?? throw new InvalidOperationException("not started");

    /// <summary>The server with implicit TLS (<c>ftps://</c>).</summary>
    public FtpServer Tls => _tls ?? throw new InvalidOperationException("not started");

    /// <summary>Starts both servers, once.</summary>
    public async Task StartAsync()
    {
        await _start.WaitAsync();
        try
        {
            _plain ??= await FtpServer.StartAsync(implicitTls: false);
            _tls ??= await FtpServer.StartAsync(implicitTls: true);
        }
        finally
        {
            _start.Release();
        }
    }

    public void Dispose()
    {
        _plain?.Dispose();
        _tls?.Dispose();
        _start.Dispose();
    }
}
