using System;
using System.Diagnostics;
using System.IO;
using Gfish.Execution;

namespace Gfish.Terminal;

/// <summary>A one-line progress bar on the terminal, redrawn at most ten times a second and erased when done.</summary>
internal sealed class ProgressBar : IProgress<TransferProgress>, IDisposable
{
    private readonly TextWriter _terminal;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly object _gate = new();
    private long _lastDraw = -1000;
    private bool _drawn;
    private bool _disposed;

    /// <summary>Creates a bar drawing on the given terminal writer.</summary>
    /// <param name="terminal">The terminal (standard error).</param>
    public ProgressBar(TextWriter terminal)
    {
        _terminal = terminal;
    }

    /// <inheritdoc/>
    public void Report(TransferProgress value)
    {
        lock (_gate)
        {
            if (_disposed || value.Total <= 0)
            {
                return;
            }

            var now = _clock.ElapsedMilliseconds;
            if (now - _lastDraw < 100 && value.Position < value.Total)
            {
                return;
            }

            _lastDraw = now;
            _terminal.Write('\r' + Render(value, Math.Max(20, SafeWidth() - 1)));
            _drawn = true;
        }
    }

    /// <summary>Renders the bar text: <c>[#####-----]  42% ⟦elapsed⟧</c>.</summary>
    /// <param name="value">The progress.</param>
    /// <param name="width">The columns available.</param>
    /// <returns>The text.</returns>
    public static string Render(TransferProgress value, int width)
    {
        var ratio = value.Total <= 0 ? 0 : Math.Clamp((double)value.Position / value.Total, 0, 1);
        var percent = $" {(int)(ratio * 100),3}%";
        var inner = Math.Max(1, width - percent.Length - 2);
        var filled = (int)(ratio * inner);
        return "[" + new string('#', filled) + new string('-', inner - filled) + "]" + percent;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            if (_drawn)
            {
                _terminal.Write('\r' + new string(' ', Math.Max(20, SafeWidth() - 1)) + '\r');
            }
        }
    }

    private static int SafeWidth()
    {
        try
        {
            return Console.WindowWidth > 0 ? Console.WindowWidth : 80;
        }
        catch (IOException)
        {
            return 80;
        }
    }
}
