using System;
using System.IO;

namespace Gfish.Parsing;

/// <summary>Home directories for <c>~</c> expansion: <c>$HOME</c> for the current user, <c>/etc/passwd</c> for others.</summary>
internal static class HomeDirectories
{
    /// <summary>Looks up a home directory.</summary>
    /// <param name="user">The user name, or empty for the current user.</param>
    /// <returns>The directory, or null when the user is unknown.</returns>
    public static string? Lookup(string user)
    {
        if (user.Length == 0)
        {
            var home = Environment.GetEnvironmentVariable("HOME");
            return string.IsNullOrEmpty(home) ? Lookup(Environment.UserName) : home;
        }

        try
        {
            foreach (var entry in File.ReadLines("/etc/passwd"))
            {
                var fields = entry.Split(':');
                if (fields.Length >= 6 && fields[0] == user)
                {
                    return fields[5];
                }
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return null;
    }
}
