using System;
using System.IO;

namespace Gfish.Execution;

/// <summary>A local file could not be opened; printed as a libguestfs error, as the C library reports it.</summary>
internal sealed class LocalFileException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message after <c>libguestfs: error: </c>.</param>
    /// <param name="innerException">The I/O exception.</param>
    public LocalFileException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The C <c>strerror</c> text for common I/O failures.</summary>
    /// <param name="e">The exception.</param>
    /// <returns>The text.</returns>
    public static string Describe(Exception e) => e switch
    {
        FileNotFoundException or DirectoryNotFoundException => "No such file or directory",
        UnauthorizedAccessException => "Permission denied",
        _ => e.Message,
    };
}
