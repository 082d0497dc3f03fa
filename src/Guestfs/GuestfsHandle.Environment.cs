using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Guestfs.Backends;

namespace Guestfs;

/// <content>
/// The environment variables libguestfs 1.48.6 reads (<c>LIBGUESTFS_TRACE</c>, <c>_DEBUG</c>, <c>_TMPDIR</c>,
/// <c>_CACHEDIR</c>, <c>TMPDIR</c>, <c>_PATH</c>, <c>_HV</c>/<c>_QEMU</c>, <c>_APPEND</c>, <c>_MEMSIZE</c>,
/// <c>_BACKEND</c>/<c>_ATTACH_METHOD</c>, <c>_BACKEND_SETTINGS</c>, <c>XDG_RUNTIME_DIR</c>): when the handle is
/// created, and again on request through <c>parse_environment</c> and <c>parse_environment_list</c>.
/// </content>
public sealed partial class GuestfsHandle
{
    private static readonly string[] s_trueWords = ["1", "true", "t", "yes", "y", "on"];
    private static readonly string[] s_falseWords = ["0", "false", "f", "no", "n", "off"];

    /// <summary>Applies the process environment (or the options' environment reader) to the handle (<c>parse_environment</c>). CONFIG only.</summary>
    /// <param name="cancellationToken">Cancels waiting for the handle.</param>
    /// <returns>A task that completes when done.</returns>
    /// <exception cref="ArgumentException">A variable has a bad value (the message names it); the variables read
    /// before it have been applied, as in libguestfs.</exception>
    public partial Task ParseEnvironmentAsync(CancellationToken cancellationToken) =>
        ConfigActionAsync("parse_environment", null, () => ApplyEnvironment(_environment, strict: true), cancellationToken);

    /// <summary>Applies a list of <c>NAME=VALUE</c> strings to the handle as if they were the environment (<c>parse_environment_list</c>). CONFIG only.</summary>
    /// <param name="environment">The strings; the first one for a name counts, one without <c>=</c> is ignored.</param>
    /// <param name="cancellationToken">Cancels waiting for the handle.</param>
    /// <returns>A task that completes when done.</returns>
    /// <exception cref="ArgumentException">A variable has a bad value (the message names it).</exception>
    public partial Task ParseEnvironmentListAsync(IReadOnlyList<string> environment, CancellationToken cancellationToken)
    {
        ArgumentGuard.ThrowIfInvalidStringList(environment);
        return ConfigActionAsync("parse_environment_list", environment, () => ApplyEnvironment(name => Lookup(environment, name), strict: true), cancellationToken);
    }

    /// <summary>
    /// Reads the variables in libguestfs's order and applies each one that is set. With <paramref name="strict"/>
    /// (the parse_environment calls) a non-boolean <c>LIBGUESTFS_TRACE</c>/<c>_DEBUG</c> and a <c>TMPDIR</c> or
    /// <c>XDG_RUNTIME_DIR</c> that is not a directory are errors; when the handle is created they are not (such a
    /// boolean is read as false, such a directory is ignored), as libguestfs ignores them there.
    /// </summary>
    private void ApplyEnvironment(Func<string, string?> getenv, bool strict)
    {
        if (getenv("LIBGUESTFS_TRACE") is { } trace)
        {
            _trace = ParseEnvironmentBool("LIBGUESTFS_TRACE", trace, strict);
        }

        if (getenv("LIBGUESTFS_DEBUG") is { } debug)
        {
            _verbose = ParseEnvironmentBool("LIBGUESTFS_DEBUG", debug, strict);
        }

        if (getenv("LIBGUESTFS_TMPDIR") is { Length: > 0 } tmpdir)
        {
            _tmpdir = tmpdir;
        }

        if (getenv("LIBGUESTFS_CACHEDIR") is { Length: > 0 } cachedir)
        {
            _cachedir = cachedir;
        }

        _envTmpdir = EnvironmentDirectory("TMPDIR", getenv("TMPDIR"), strict);
        if (getenv("LIBGUESTFS_PATH") is { Length: > 0 } path)
        {
            _path = path;
        }

        if ((getenv("LIBGUESTFS_HV") is { Length: > 0 } hv ? hv : getenv("LIBGUESTFS_QEMU")) is { Length: > 0 } hypervisor)
        {
            _hv = hypervisor;
        }

        if (getenv("LIBGUESTFS_APPEND") is { } append)
        {
            _append = append;
        }

        if (getenv("LIBGUESTFS_MEMSIZE") is { Length: > 0 } memsize)
        {
            int mb = ScanInt(memsize) ?? throw new ArgumentException("non-numeric value for LIBGUESTFS_MEMSIZE");
            if (mb < MinMemsize)
            {
                throw new ArgumentException($"too small value for memsize (must be at least {MinMemsize})");
            }

            _memsize = mb;
        }

        if ((getenv("LIBGUESTFS_BACKEND") is { Length: > 0 } b ? b : getenv("LIBGUESTFS_ATTACH_METHOD")) is { Length: > 0 } backend)
        {
            if (strict && !BackendFactory.IsKnown(backend))
            {
                throw new ArgumentException($"set_backend: invalid backend '{backend}'; use 'direct' or 'unix:PATH'");
            }

            _backendName = backend;
        }

        if (getenv("LIBGUESTFS_BACKEND_SETTINGS") is { } settings)
        {
            lock (_backendSettings)
            {
                _backendSettings.Clear();
                if (settings.Length > 0)
                {
                    _backendSettings.AddRange(settings.Split(':'));
                }
            }
        }

        _envRuntimeDir = EnvironmentDirectory("XDG_RUNTIME_DIR", getenv("XDG_RUNTIME_DIR"), strict);
    }

    /// <summary>The value of the first <c>NAME=</c> entry, as libguestfs's list lookup.</summary>
    private static string? Lookup(IReadOnlyList<string> environment, string name)
    {
        foreach (string entry in environment)
        {
            if (entry.Length > name.Length && entry[name.Length] == '=' && entry.StartsWith(name, StringComparison.Ordinal))
            {
                return entry.Substring(name.Length + 1);
            }
        }

        return null;
    }

    /// <summary>A boolean as libguestfs reads one: <c>1 true t yes y on</c> / <c>0 false f no n off</c>, any case.</summary>
    private static bool ParseEnvironmentBool(string name, string value, bool strict)
    {
        if (Array.Exists(s_trueWords, w => string.Equals(w, value, StringComparison.OrdinalIgnoreCase)))
        {
            return true;
        }

        if (strict && !Array.Exists(s_falseWords, w => string.Equals(w, value, StringComparison.OrdinalIgnoreCase)))
        {
            throw new ArgumentException($"{name}={value}: non-boolean value");
        }

        return false;
    }

    /// <summary>The absolute form of a directory named by a variable; <see langword="null"/> when unset.</summary>
    private static string? EnvironmentDirectory(string name, string? value, bool strict)
    {
        if (value is null)
        {
            return null;
        }

        string full;
        try
        {
            full = Path.GetFullPath(value);
        }
        catch (Exception e) when (e is ArgumentException or IOException or NotSupportedException)
        {
            return strict ? throw new ArgumentException($"converting path to absolute path: {name}: {value}: realpath: {e.Message}") : null;
        }

        if (Directory.Exists(full))
        {
            return full;
        }

        if (!strict)
        {
            return value.Length > 0 ? value : null;
        }

        throw File.Exists(full)
            ? new ArgumentException($"setting temporary directory: {name}: ‘{value}’ is not a directory")
            : new ArgumentException($"converting path to absolute path: {name}: {value}: realpath: No such file or directory");
    }

    /// <summary>C's <c>sscanf("%d")</c>: optional blanks and sign, then digits; anything after them is ignored.</summary>
    private static int? ScanInt(string text)
    {
        int i = 0;
        while (i < text.Length && char.IsWhiteSpace(text[i]))
        {
            i++;
        }

        int start = i;
        if (i < text.Length && text[i] is '+' or '-')
        {
            i++;
        }

        int digits = i;
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            i++;
        }

        return i > digits && int.TryParse(text.AsSpan(start, i - start), System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out int value)
            ? value
            : null;
    }
}
