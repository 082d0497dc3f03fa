using Microsoft.Extensions.Logging;

namespace Guestfs.Diagnostics;

/// <summary>Appliance console output (category <c>Guestfs.Appliance</c>); never above Debug.</summary>
internal static partial class ApplianceLog
{
    [LoggerMessage(201, LogLevel.Debug, "{Text}")]
    public static partial void Output(ILogger logger, string text);
}
