using System;
using System.IO;

namespace Guestfs.Tools.Common;

/// <summary>What a tool runs with: its name (for messages) and its standard streams.</summary>
/// <param name="Name">The program name in messages (<c>virt-cat</c>).</param>
/// <param name="Stdout">Standard output (raw bytes: file contents pass through unchanged).</param>
/// <param name="Stderr">Standard error.</param>
/// <param name="Stdin">Standard input.</param>
internal sealed record ToolContext(string Name, Stream Stdout, TextWriter Stderr, TextReader Stdin)
{
    /// <summary>The program as invoked (<c>argv[0]</c>), which getopt's messages start with; by default <see cref="Name"/>.</summary>
    public string Argv0 { get; init; } = Name;

    /// <summary>Reads an environment variable (the process's, unless a test substitutes its own).</summary>
    public Func<string, string?> GetEnvironmentVariable { get; init; } = Environment.GetEnvironmentVariable;

    /// <summary>A failure printed as <c>NAME: error: TEXT</c>, exit status 1 (the guestfs-tools form).</summary>
    /// <param name="text">The text.</param>
    /// <returns>The exception to throw.</returns>
    public ToolExitException Error(string text) => new($"{Name}: error: {text}\n");

    /// <summary>A failure printed as <c>NAME: TEXT</c>, exit status 1 (the C tools' <c>fprintf (stderr, "%s: …", getprogname ())</c> form).</summary>
    /// <param name="text">The text; may span lines.</param>
    /// <returns>The exception to throw.</returns>
    public ToolExitException Fail(string text) => new($"{Name}: {text}\n");

    /// <summary>A failure printed as <c>ARGV0: TEXT</c>, exit status 1 (glibc's <c>error (EXIT_FAILURE, …)</c>, which names the program as invoked).</summary>
    /// <param name="text">The text; may span lines.</param>
    /// <returns>The exception to throw.</returns>
    public ToolExitException ErrorCall(string text) => new($"{Argv0}: {text}\n");
}
