using System;

namespace Guestfs.Tools.Fleet;

/// <summary>A gfish script stopped on an error on one image (the message is what the script printed on standard error).</summary>
internal sealed class FleetScriptException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">The script's error messages.</param>
    /// <param name="output">What the script printed before it stopped.</param>
    public FleetScriptException(string message, string output)
        : base(message.Length > 0 ? message : "the script failed")
    {
        Output = output;
    }

    /// <summary>What the script printed before it stopped.</summary>
    public string Output { get; }
}
