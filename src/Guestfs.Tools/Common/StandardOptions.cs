using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Runtime.InteropServices;

namespace Guestfs.Tools.Common;

/// <summary>
/// The options every tool shares (libguestfs-common's <c>options.h</c>): drives, mounts, keys, verbosity, and the
/// <c>--long-options</c>/<c>--short-options</c> listings. A tool passes each parsed option to <see cref="Handle"/>
/// and deals with the rest itself.
/// </summary>
internal sealed class StandardOptions
{
    /// <summary>The guestfs-tools release whose options, output and messages the tools reproduce (<c>-V</c> prints it).</summary>
    public const string CompatibleVersion = "1.48.2";

    private readonly ToolContext _context;
    private readonly Getopt _getopt;
    private readonly Func<string, string>? _help;
    private readonly string _version;
    private string? _format;
    private bool _formatConsumed = true;
    private int _blocksize;
    private bool _blocksizeConsumed = true;

    /// <summary>Creates the option state of one run.</summary>
    /// <param name="context">The tool's context.</param>
    /// <param name="getopt">The tool's option table (for the listings).</param>
    /// <param name="readOnly">Whether drives are added read-only unless <c>--rw</c> is given.</param>
    /// <param name="help">The <c>--help</c> text for a program name, or null when the tool handles <c>--help</c> itself.</param>
    /// <param name="version">What <c>-V</c> prints after the name: the guestfs-tools release, or for the tools that
    /// stock runs through guestfish, the libguestfs one.</param>
    public StandardOptions(ToolContext context, Getopt getopt, bool readOnly, Func<string, string>? help, string version = CompatibleVersion)
    {
        _context = context;
        _getopt = getopt;
        _help = help;
        _version = version;
        ReadOnly = readOnly;
    }

    /// <summary>The <c>-a</c> drives, in command-line order.</summary>
    public List<DriveOption> Drives { get; } = [];

    /// <summary>The <c>-m</c> mounts, in command-line order.</summary>
    public List<MountOption> Mounts { get; } = [];

    /// <summary>The <c>--key</c> selectors, in command-line order.</summary>
    public LuksKeyStore Keys { get; } = new();

    /// <summary><c>--keys-from-stdin</c>.</summary>
    public bool KeysFromStdin { get; private set; }

    /// <summary><c>--echo-keys</c>.</summary>
    public bool EchoKeys { get; private set; }

    /// <summary>Whether drives are added read-only (the tool's mode, or <c>--ro</c>; <c>--rw</c> after <c>--ro</c> is an error, as in guestfish).</summary>
    public bool ReadOnly { get; private set; }

    /// <summary>The number of <c>-v</c> options.</summary>
    public int Verbose { get; private set; }

    /// <summary><c>-x</c>: trace library calls.</summary>
    public bool Trace { get; private set; }

    /// <summary>
    /// Parses the command line as the stock tools' getopt loops do: <c>--help</c> prints the help, the shared options
    /// are handled here, every other option goes to <paramref name="own"/>, and one that it does not take either is a
    /// usage error.
    /// </summary>
    /// <param name="args">The arguments.</param>
    /// <param name="own">Handles one of the tool's own options; returns false for an option the tool does not take.</param>
    /// <returns>The operands, in order.</returns>
    /// <exception cref="UsageException">A wrong option.</exception>
    /// <exception cref="ToolExitException">An option ends the run (help, a listing, <c>-V</c>, a bad value).</exception>
    public List<string> Parse(IReadOnlyList<string> args, Func<ParsedOption, bool>? own = null)
    {
        var operands = new List<string>();
        foreach (var option in _getopt.Parse(args, operands))
        {
            if (option.Key == "help" && _help is not null)
            {
                throw new ToolExitException(string.Empty, 0) { Output = _help(_context.Name) };
            }

            if (!Handle(option) && own?.Invoke(option) != true)
            {
                throw new UsageException();
            }
        }

        return operands;
    }

    /// <summary>
    /// The checks of a tool whose operands are guest files (virt-cat, virt-edit), in stock's order: the old syntax's
    /// images taken from the front, at least one file left, <c>--format</c>/<c>--blocksize</c> consumed, a drive given.
    /// </summary>
    /// <param name="operands">The operands; the images are removed from it.</param>
    /// <exception cref="UsageException">No file, or no drive.</exception>
    /// <exception cref="ToolExitException">An old-style operand names a libvirt guest, or an option was not consumed.</exception>
    public void TakeFileOperands(List<string> operands)
    {
        TakeOldStyleDrives(operands, keep: 1);
        if (operands.Count < 1)
        {
            throw new UsageException();
        }

        CheckConsumed();
        RequireDrives();
    }

    /// <summary>The stock tools' check that some drive was given (<c>-a</c>, or <c>-d</c> where libvirt exists).</summary>
    /// <exception cref="UsageException">No drive.</exception>
    public void RequireDrives()
    {
        if (Drives.Count == 0)
        {
            throw new UsageException("error: you must specify at least one -a or -d option.");
        }
    }

    /// <summary>The stock tools' refusal of operands where they take none.</summary>
    /// <param name="operands">The operands.</param>
    /// <param name="valueOptions">The options the message suggests a misplaced value belongs to.</param>
    /// <exception cref="UsageException">There is an operand.</exception>
    public static void RejectOperands(IReadOnlyList<string> operands, string valueOptions = "--format")
    {
        if (operands.Count > 0)
        {
            throw new UsageException($"error: extra argument ‘{operands[0]}’ on command line.\nMake sure to specify the argument for {valueOptions} like '--format={operands[0]}'.");
        }
    }

    /// <summary>Handles a shared option.</summary>
    /// <param name="option">The option.</param>
    /// <returns>Whether it was a shared option.</returns>
    /// <exception cref="ToolExitException">The option ends the run (a listing, <c>-V</c>, a bad value, libvirt).</exception>
    public bool Handle(ParsedOption option)
    {
        switch (option.Key)
        {
            case "a":
                AddDrive(Drives, option.Value!);
                return true;
            case "c":
            case "d":
                throw _context.Error("libvirt is not available: -c/--connect and -d/--domain cannot be used; add the guest's disk images with -a instead");
            case "m":
                Mounts.Add(MountOption.Parse(option.Value!));
                return true;
            case "format":
                _format = string.IsNullOrEmpty(option.Value) ? null : option.Value;
                _formatConsumed = false;
                return true;
            case "blocksize":
                SetBlocksize(option.Value);
                return true;
            case "key":
                try
                {
                    Keys.Add(option.Value!);
                }
                catch (FormatException)
                {
                    // guestfs-tools' keys.c does not say what is wrong, unlike guestfish's.
                    throw _context.ErrorCall("invalid selector for --key: " + option.Value);
                }

                return true;
            case "keys-from-stdin":
                KeysFromStdin = true;
                return true;
            case "echo-keys":
                EchoKeys = true;
                return true;
            case "r":
                ReadOnly = true;
                return true;
            case "w":
                if (ReadOnly)
                {
                    throw _context.Fail("cannot mix --ro and --rw options");
                }

                return true;
            case "v":
                Verbose++;
                return true;
            case "x":
                Trace = true;
                return true;
            case "V":
                throw new ToolExitException(string.Empty, 0) { Output = $"{_context.Name} {_version}\n" };
            case "long-options":
                throw new ToolExitException(string.Empty, 0) { Output = _getopt.LongOptionsListing };
            case "short-options":
                throw new ToolExitException(string.Empty, 0) { Output = _getopt.ShortOptionsListing };
            default:
                return false;
        }
    }

    /// <summary>
    /// Checks what only the whole command line shows: a <c>--format</c> or <c>--blocksize</c> after the last
    /// <c>-a</c> (the stock tools' <c>CHECK_OPTION_*_consumed</c>).
    /// </summary>
    /// <exception cref="ToolExitException">One was not followed by an <c>-a</c>.</exception>
    public void CheckConsumed()
    {
        if (!_formatConsumed)
        {
            throw _context.Fail("--format parameter must appear before -a parameter");
        }

        if (!_blocksizeConsumed)
        {
            throw _context.Fail("--blocksize parameter must appear before -a parameter");
        }
    }

    /// <summary>
    /// The stock tools' old syntax without <c>-a</c>: when no drive was given, each leading operand but the last
    /// <paramref name="keep"/> names a disk image (if it contains a slash or exists; otherwise it would be a libvirt
    /// guest, which is an error here).
    /// </summary>
    /// <param name="operands">The operands; the images are removed from it.</param>
    /// <param name="keep">How many trailing operands are the tool's own.</param>
    public void TakeOldStyleDrives(List<string> operands, int keep)
    {
        if (Drives.Count > 0)
        {
            return;
        }

        while (operands.Count > keep)
        {
            var operand = operands[0];
            if (!operand.Contains('/', StringComparison.Ordinal) && !Path.Exists(operand))
            {
                throw _context.Error("libvirt is not available: cannot add the guest ‘" + operand + "’; add its disk images with -a instead");
            }

            Drives.Add(new DriveOption(operand, null, 0));
            operands.RemoveAt(0);
        }
    }

    /// <summary>
    /// Adds a drive as <c>-a</c> does (checked readable, taking the pending <c>--format</c> and <c>--blocksize</c>) to
    /// another list: virt-diff's <c>-A</c> drives of its second guest.
    /// </summary>
    /// <param name="drives">The list.</param>
    /// <param name="path">The image.</param>
    /// <exception cref="ToolExitException">The image cannot be read.</exception>
    public void AddDrive(List<DriveOption> drives, string path)
    {
        if (Access(path, 4) is { } error)
        {
            throw _context.ErrorCall($"access: {path}: {error}");
        }

        drives.Add(new DriveOption(path, _format, _blocksize));
        _formatConsumed = true;
        _blocksizeConsumed = true;
    }


    private void SetBlocksize(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            _blocksize = 0;
        }
        else if (!TryScanInt(value, out _blocksize))
        {
            throw _context.ErrorCall("--blocksize option is not numeric");
        }

        _blocksizeConsumed = false;
    }

    /// <summary>C's <c>sscanf ("%d")</c>: optional white space and sign, then at least one digit; the rest is ignored.</summary>
    private static bool TryScanInt(string text, out int value)
    {
        var i = 0;
        while (i < text.Length && char.IsWhiteSpace(text[i]))
        {
            i++;
        }

        var start = i;
        if (i < text.Length && text[i] is '+' or '-')
        {
            i++;
        }

        var digits = i;
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            i++;
        }

        value = 0;
        return i > digits && int.TryParse(text.AsSpan(start, i - start), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>POSIX <c>access</c>: null when the file may be accessed, else the <c>strerror</c> text.</summary>
    private static string? Access(string path, int mode) =>
        NativeMethods.Access(path, mode) == 0 ? null : Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError());

    private static class NativeMethods
    {
        [DllImport("libc", EntryPoint = "access", ExactSpelling = true, SetLastError = true)]
#pragma warning disable CA2101 // Paths are passed as UTF-8 bytes through the default marshalling of the platform (Unix).
        public static extern int Access([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int mode);
#pragma warning restore CA2101
    }
}
