using System;
using System.Globalization;
using System.IO;
using System.Net.Sockets;
using Guestfs.Backends.Direct;

namespace Gfish.Remote;

/// <summary>
/// Where a <c>--listen</c> shell's control socket lives, and who may use it. guestfish 1.48 puts it at
/// <c>/tmp/.guestfish-UID/socket-PID</c>; gfish keeps it out of shared directories altogether: in
/// <c>$XDG_RUNTIME_DIR/gfish</c> (else <c>$HOME/.cache/gfish</c>), a directory of mode 0700 owned by the user (checked,
/// not assumed), and each connection's peer credentials must name the same user.
/// </summary>
internal static class RemoteEndpoint
{
    /// <summary>The largest socket path Linux accepts (<c>sun_path</c> less its NUL).</summary>
    private const int MaxSocketPath = 107;

    private const int SolSocket = 1;
    private const int SoPeerCred = 17;

    /// <summary>The version both ends must have (the hello message).</summary>
    public static string Version => typeof(RemoteEndpoint).Assembly.GetName().Version?.ToString() ?? "0";

    /// <summary>The socket of the listener with the given process id, its directory created and checked.</summary>
    /// <param name="pid">The listener's process id.</param>
    /// <returns>The socket path.</returns>
    /// <exception cref="IOException">No private directory can be made or the existing one is not private.</exception>
    public static string SocketPath(int pid)
    {
        var runtime = Environment.GetEnvironmentVariable("XDG_RUNTIME_DIR");
        var home = Environment.GetEnvironmentVariable("HOME");
        var directory = !string.IsNullOrEmpty(runtime) ? Path.Combine(runtime, "gfish")
            : !string.IsNullOrEmpty(home) ? Path.Combine(home, ".cache", "gfish")
            : throw new IOException("neither XDG_RUNTIME_DIR nor HOME is set, so there is no private directory for the control socket");
        try
        {
            SecureDirectory.Ensure(directory);
        }
        catch (Guestfs.GuestfsLaunchException e)
        {
            throw new IOException(e.Message.Replace("launch: ", string.Empty, StringComparison.Ordinal), e);
        }

        // SecureDirectory accepts 0755; the control socket's directory must be readable by nobody else either.
        const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(directory) & ~OwnerOnly) != 0)
        {
            File.SetUnixFileMode(directory, OwnerOnly);
        }

        var path = Path.Combine(directory, "socket-" + pid.ToString(CultureInfo.InvariantCulture));
        if (System.Text.Encoding.UTF8.GetByteCount(path) > MaxSocketPath)
        {
            throw new IOException($"{path}: the control socket's path is too long for a unix socket");
        }

        return path;
    }

    /// <summary>Whether the process at the other end of a connected unix socket runs as this user (<c>SO_PEERCRED</c>).</summary>
    /// <param name="socket">The connection.</param>
    /// <returns>Whether its user is ours.</returns>
    public static bool PeerIsOwner(Socket socket) => PeerUserId(socket) == NativeMethods.GetEffectiveUserId();

    /// <summary>The user id of the process at the other end, or null when the kernel does not say.</summary>
    /// <param name="socket">The connection.</param>
    /// <returns>The user id.</returns>
    public static uint? PeerUserId(Socket socket)
    {
        Span<byte> credentials = stackalloc byte[12]; // struct ucred { pid_t pid; uid_t uid; gid_t gid; }
        try
        {
            return socket.GetRawSocketOption(SolSocket, SoPeerCred, credentials) == 12
                ? BitConverter.ToUInt32(credentials[4..8])
                : null;
        }
        catch (SocketException)
        {
            return null;
        }
    }
}
