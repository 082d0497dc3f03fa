using System;
using Guestfs.Backends;

namespace Guestfs.ApplianceTests;

/// <summary>Prints what a backend reports on standard output (for <see cref="LaunchOnceProgram"/>).</summary>
internal sealed class ConsoleEventSink : IBackendEventSink
{
    public void OnApplianceOutput(string text)
    {
    }

    public void OnDebug(string message) => Console.WriteLine("debug: " + message);

    public void OnWarning(string message) => Console.WriteLine("warning: " + message);
}
