using Guestfs;

namespace Gfish.Execution;

/// <summary>One handler registered with <c>event</c>.</summary>
/// <param name="Name">The name given to <c>event</c>.</param>
/// <param name="Events">The events it runs on.</param>
/// <param name="Command">The shell script it runs.</param>
/// <param name="EventHandle">The library's number for the registration.</param>
internal sealed record EventHandlerEntry(string Name, GuestfsEvents Events, string Command, int EventHandle);
