using System;
using System.Diagnostics;
using System.IO;
using System.Text;

namespace Guestfs;

/// <summary>
/// Reads a key or passphrase as libguestfs's tools do (libguestfs-common's <c>read_key</c>): from the controlling
/// terminal <c>/dev/tty</c> (else, or with <c>--keys-from-stdin</c>, from standard input), one line without its
/// newline. When the input is a terminal, <c>Enter key or passphrase ("NAME"): </c> is written to it (to standard
/// output for standard input) and echo is off while the line is typed, unless <c>--echo-keys</c>.
/// </summary>
public static class PassphrasePrompt
{
    /// <summary>Reads one key.</summary>
    /// <param name="name">What the key is for: the device (<c>/dev/sda2</c>) or the action's parameter name.</param>
    /// <param name="fromStdin"><c>--keys-from-stdin</c>: read standard input even when there is a terminal.</param>
    /// <param name="echo"><c>--echo-keys</c>: leave echo on.</param>
    /// <param name="readStdinLine">Reads a line of standard input as the program reads it (so no line is read ahead and lost).</param>
    /// <param name="stdinIsTerminal">Whether standard input is a terminal.</param>
    /// <param name="stdout">Standard output.</param>
    /// <returns>The key, or <see langword="null"/> at end of input.</returns>
    public static string? Read(string name, bool fromStdin, bool echo, Func<string?> readStdinLine, bool stdinIsTerminal, TextWriter stdout)
    {
        ArgumentNullException.ThrowIfNull(readStdinLine);
        ArgumentNullException.ThrowIfNull(stdout);
        var prompt = $"Enter key or passphrase (\"{name}\"): ";
        FileStream? tty = null;
        if (!fromStdin && !OperatingSystem.IsWindows())
        {
            try
            {
                tty = new FileStream("/dev/tty", FileMode.Open, FileAccess.ReadWrite);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
            }
        }

        if (tty is null)
        {
            if (!stdinIsTerminal)
            {
                return readStdinLine();
            }

            stdout.Write(prompt);
            stdout.Flush();
            return ReadWithoutEcho(readStdinLine, echo, "", stdout);
        }

        using (tty)
        {
            var promptBytes = Encoding.UTF8.GetBytes(prompt);
            tty.Write(promptBytes, 0, promptBytes.Length);
            tty.Flush();
            return ReadWithoutEcho(() => ReadLine(tty), echo, "< /dev/tty", stdout);
        }
    }

    private static string? ReadWithoutEcho(Func<string?> read, bool echo, string redirect, TextWriter stdout)
    {
        var silenced = !echo && Stty("-echo", redirect);
        try
        {
            return read();
        }
        finally
        {
            if (silenced)
            {
                // As read_key: the newline the user typed was not echoed, so one goes to standard output.
                stdout.Write('\n');
                stdout.Flush();
                Stty("echo", redirect);
            }
        }
    }

    /// <summary>One line from the terminal, byte by byte so nothing after it is consumed.</summary>
    private static string? ReadLine(Stream tty)
    {
        var bytes = new MemoryStream();
        int b;
        while ((b = tty.ReadByte()) >= 0 && b != '\n')
        {
            bytes.WriteByte((byte)b);
        }

        return b < 0 && bytes.Length == 0 ? null : Encoding.UTF8.GetString(bytes.GetBuffer(), 0, (int)bytes.Length);
    }

    private static bool Stty(string mode, string redirect)
    {
        try
        {
            using var stty = Process.Start(new ProcessStartInfo("/bin/sh", ["-c", $"stty {mode} {redirect}"]) { UseShellExecute = false });
            stty?.WaitForExit();
            return stty?.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
