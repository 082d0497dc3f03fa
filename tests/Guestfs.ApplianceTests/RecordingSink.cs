using System.Collections.Concurrent;
using System.Text;
using Guestfs.Backends;

namespace Guestfs.ApplianceTests;

/// <summary>Collects what a backend reports.</summary>
internal sealed class RecordingSink : IBackendEventSink
{
    private readonly StringBuilder _console = new();

    public ConcurrentQueue<string> Debug { get; } = new();

    public ConcurrentQueue<string> Warnings { get; } = new();

    public string Console
    {
        get
        {
            lock (_console)
            {
                return _console.ToString();
            }
        }
    }

    public void OnApplianceOutput(string text)
    {
        lock (_console)
        {
            _console.Append(text);
        }
    }

    public void OnDebug(string message) => Debug.Enqueue(message);

    public void OnWarning(string message) => Warnings.Enqueue(message);
}
