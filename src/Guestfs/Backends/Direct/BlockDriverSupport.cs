using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.ComponentModel;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Guestfs.Backends.Direct;

/// <summary>
/// Checks, before qemu starts, that it has the block driver of every network drive: the driver is in the list
/// <c>qemu-img --help</c> prints (built-in and module drivers), and in a modular build its module file is installed.
/// FTPS drives also need a libcurl that can read them (<see cref="FtpsCurlVersion"/>).
/// </summary>
internal static class BlockDriverSupport
{
    /// <summary>
    /// The first libcurl whose FTP code, while the data connection's TLS handshake is under way, still asks its
    /// caller to watch the control connection (curl pull request 12913, merged after 8.6.0). Older ones wait only on the
    /// data connection, whose handshake an FTPS server such as vsftpd starts only after the <c>RETR</c> that the
    /// unread control reply holds back: qemu's curl driver (which waits on the sockets libcurl names) then stalls
    /// every read of an FTPS drive until its timeout and fails it ("curl: Operation timed out after 5022
    /// milliseconds with 0 bytes received", measured with qemu 7.2 and libcurl 7.88.1).
    /// </summary>
    internal static readonly System.Version FtpsCurlVersion = new(8, 7, 0);

    private static readonly ConcurrentDictionary<string, IReadOnlySet<string>?> s_drivers = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, System.Version?> s_curlVersions = new(StringComparer.Ordinal);

    /// <summary>Throws <see cref="BlockDriverUnavailableException"/> for the first network drive qemu cannot open.</summary>
    /// <param name="drives">The drives.</param>
    /// <param name="hypervisor">The qemu binary.</param>
    /// <param name="cancellationToken">Cancels running qemu-img.</param>
    /// <returns>A task that completes when every protocol is available.</returns>
    public static async Task CheckAsync(IReadOnlyList<DriveSpec> drives, string hypervisor, CancellationToken cancellationToken)
    {
        if (!drives.Any(d => d.Remote is not null))
        {
            return;
        }

        string qemuImg = SnapshotLauncher.QemuImg(hypervisor);
        if (!s_drivers.TryGetValue(qemuImg, out IReadOnlySet<string>? drivers))
        {
            drivers = await ListDriversAsync(qemuImg, cancellationToken).ConfigureAwait(false);
            s_drivers[qemuImg] = drivers;
        }

        IReadOnlyList<string> moduleDirectories = ModuleDirectories(hypervisor);
        foreach (DriveSpec drive in drives)
        {
            if (drive.Remote is { } remote && Check(remote.Protocol, drivers, moduleDirectories) is { } missing)
            {
                throw missing;
            }
        }

        if (drives.Any(d => d.Remote?.Protocol == "ftps"))
        {
            if (CheckFtps(s_curlVersions.GetOrAdd(hypervisor, QemuCurlVersion)) is { } unusable)
            {
                throw unusable;
            }
        }
    }

    /// <summary>
    /// The version of the libcurl that qemu's curl driver links, or <see langword="null"/> when it cannot be told
    /// (a wrapper script as the hypervisor, a static build).
    /// </summary>
    /// <param name="hypervisor">The qemu binary.</param>
    /// <returns>The version.</returns>
    internal static System.Version? QemuCurlVersion(string hypervisor) =>
        CurlVersion(CurlUser(hypervisor, ModuleDirectories(hypervisor)), LibraryDirectories(hypervisor));

    /// <summary>Whether qemu's curl driver, linked with libcurl <paramref name="curl"/>, can read FTPS drives.</summary>
    /// <param name="curl">The libcurl version, or <see langword="null"/> when unknown (not refused: qemu's error will say).</param>
    /// <returns>The error to raise, or <see langword="null"/>.</returns>
    internal static BlockDriverUnavailableException? CheckFtps(System.Version? curl) =>
        curl is null || curl >= FtpsCurlVersion ? null : new BlockDriverUnavailableException("ftps", null,
            $"launch: qemu's curl driver uses libcurl {curl}, which cannot read FTPS drives: before {FtpsCurlVersion} libcurl " +
            "stops watching the FTP control connection while the data connection's TLS handshake is pending, so every " +
            "read waits for qemu's timeout and fails. Use libcurl " + FtpsCurlVersion + " or later, or another protocol (ftp, https).");

    /// <summary>
    /// The version of the libcurl that <paramref name="curlUser"/> (qemu's curl module, or qemu itself) links: the
    /// library it names (<c>libcurl.so.4</c>, <c>libcurl-gnutls.so.4</c>, …) found in <paramref name="libraryDirectories"/>,
    /// whose version is the <c>libcurl/X.Y.Z</c> string that <c>curl_version()</c> returns.
    /// </summary>
    /// <param name="curlUser">The module or binary, or <see langword="null"/>.</param>
    /// <param name="libraryDirectories">Where shared libraries are looked for, in order.</param>
    /// <returns>The version, or <see langword="null"/> when any step finds nothing.</returns>
    internal static System.Version? CurlVersion(string? curlUser, IReadOnlyList<string> libraryDirectories)
    {
        try
        {
            if (curlUser is null || !File.Exists(curlUser))
            {
                return null;
            }

            string? needed = FindToken(File.ReadAllBytes(curlUser), "libcurl"u8,
                t => t.Contains(".so.", StringComparison.Ordinal) && char.IsAsciiDigit(t[^1]));
            string? library = needed is null ? null : libraryDirectories.Select(d => Path.Combine(d, needed)).FirstOrDefault(File.Exists);
            if (library is null)
            {
                return null;
            }

            string? version = FindToken(File.ReadAllBytes(library), "libcurl/"u8,
                t => t.Count(c => c == '.') == 2 && System.Version.TryParse(t["libcurl/".Length..], out _));
            return version is null ? null : System.Version.Parse(version["libcurl/".Length..]);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Whether qemu can open <paramref name="protocol"/>.</summary>
    /// <param name="protocol">The protocol.</param>
    /// <param name="drivers">The drivers qemu-img lists, or <see langword="null"/> when unknown (not checked).</param>
    /// <param name="moduleDirectories">Where this qemu's module files are; empty for a build without modules.</param>
    /// <returns>The error to raise, or <see langword="null"/> when the driver is there.</returns>
    internal static BlockDriverUnavailableException? Check(string protocol, IReadOnlySet<string>? drivers, IReadOnlyList<string> moduleDirectories)
    {
        string driver = RemoteDriveOptions.DriverName(protocol);
        if (drivers is not null && !drivers.Contains(driver))
        {
            return new BlockDriverUnavailableException(protocol, null,
                $"launch: this qemu has no '{driver}' block driver, so {protocol} drives cannot be opened " +
                "(qemu 6.0 removed the sheepdog and tftp drivers; other drivers depend on how qemu was built)");
        }

        if (RemoteDriveOptions.ModuleName(protocol) is { } module && moduleDirectories.Count > 0
            && !moduleDirectories.Any(d => File.Exists(Path.Combine(d, module))))
        {
            return new BlockDriverUnavailableException(protocol, module,
                $"launch: qemu's '{driver}' block driver module {module} is not installed (looked in {string.Join(", ", moduleDirectories)}), " +
                $"so {protocol} drives cannot be opened. Install it (Debian: apt-get install qemu-block-extra).");
        }

        return null;
    }

    /// <summary>
    /// The directories where this qemu keeps its modules, if it is a modular build (a directory with <c>*.so</c>
    /// modules exists): <c>PREFIX/lib/TRIPLET/qemu</c>, <c>PREFIX/lib64/qemu</c> or <c>PREFIX/lib/qemu</c> beside
    /// the binary's <c>PREFIX/bin</c>, and the binary's own directory.
    /// </summary>
    /// <param name="hypervisor">The qemu binary (a bare name is looked up on PATH).</param>
    /// <returns>The directories; empty when qemu has no modules.</returns>
    internal static IReadOnlyList<string> ModuleDirectories(string hypervisor)
    {
        (string bin, string prefix) = Prefix(hypervisor);
        string[] candidates = [Path.Combine(prefix, "lib", Triplet, "qemu"), Path.Combine(prefix, "lib64", "qemu"), Path.Combine(prefix, "lib", "qemu"), bin];
        return candidates.Where(d => Directory.Exists(d) && Directory.EnumerateFiles(d, "*.so").Any(f => IsModuleName(Path.GetFileName(f)))).ToList();
    }

    /// <summary>
    /// The first run of letters, digits, <c>.</c>, <c>-</c> and <c>/</c> in <paramref name="bytes"/> that starts with
    /// <paramref name="prefix"/> and that <paramref name="accept"/> takes.
    /// </summary>
    private static string? FindToken(byte[] bytes, ReadOnlySpan<byte> prefix, Func<string, bool> accept)
    {
        int start = 0;
        while (bytes.AsSpan(start).IndexOf(prefix) is var found and >= 0)
        {
            int begin = start + found;
            int end = begin + prefix.Length;
            while (end < bytes.Length && (char.IsAsciiLetterOrDigit((char)bytes[end]) || bytes[end] is (byte)'.' or (byte)'-' or (byte)'/'))
            {
                end++;
            }

            string token = Encoding.ASCII.GetString(bytes, begin, end - begin);
            if (accept(token))
            {
                return token;
            }

            start = begin + 1;
        }

        return null;
    }

    /// <summary>The file that links libcurl: qemu's curl module in a modular build, otherwise the qemu binary.</summary>
    private static string? CurlUser(string hypervisor, IReadOnlyList<string> moduleDirectories) =>
        moduleDirectories.Count > 0
            ? moduleDirectories.Select(d => Path.Combine(d, "block-curl.so")).FirstOrDefault(File.Exists)
            : ProcessRunner.ResolveProgram(hypervisor);

    /// <summary>Where the dynamic linker finds qemu's libraries: qemu's own prefix first, then the system's directories.</summary>
    private static IReadOnlyList<string> LibraryDirectories(string hypervisor)
    {
        string prefix = Prefix(hypervisor).Prefix;
        string[] directories =
        [
            Path.Combine(prefix, "lib", Triplet), Path.Combine(prefix, "lib64"), Path.Combine(prefix, "lib"),
            "/lib/" + Triplet, "/usr/lib/" + Triplet, "/lib64", "/usr/lib64", "/lib", "/usr/lib",
        ];
        return directories.Distinct(StringComparer.Ordinal).ToList();
    }

    private static string Triplet => RuntimeInformation.OSArchitecture switch
    {
        Architecture.Arm64 => "aarch64-linux-gnu",
        Architecture.X86 => "i386-linux-gnu",
        _ => "x86_64-linux-gnu",
    };

    /// <summary>The directory of the qemu binary (a bare name is looked up on PATH) and the prefix above it.</summary>
    internal static (string Bin, string Prefix) Prefix(string hypervisor)
    {
        string? binary = ProcessRunner.ResolveProgram(hypervisor);
        string bin = Path.GetDirectoryName(binary is null ? "/usr/bin/qemu" : Path.GetFullPath(binary)) ?? "/usr/bin";
        return (bin, Path.GetDirectoryName(bin) ?? "/usr");
    }

    /// <summary>Reads the driver list from <c>qemu-img --help</c> ("Supported formats: a b c").</summary>
    /// <param name="help">The help text.</param>
    /// <returns>The drivers, or <see langword="null"/> when the line is missing.</returns>
    internal static IReadOnlySet<string>? ParseDrivers(string help)
    {
        const string Prefix = "Supported formats:";
        foreach (string line in help.Split('\n'))
        {
            if (line.StartsWith(Prefix, StringComparison.Ordinal))
            {
                return line[Prefix.Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
            }
        }

        return null;
    }

    private static bool IsModuleName(string name) =>
        name.StartsWith("block-", StringComparison.Ordinal) || name.StartsWith("accel-", StringComparison.Ordinal)
        || name.StartsWith("hw-", StringComparison.Ordinal) || name.StartsWith("ui-", StringComparison.Ordinal)
        || name.StartsWith("audio-", StringComparison.Ordinal);

    private static async Task<IReadOnlySet<string>?> ListDriversAsync(string qemuImg, CancellationToken cancellationToken)
    {
        try
        {
            ProcessResult result = await ProcessRunner.RunAsync(qemuImg, ["--help"], TimeSpan.FromSeconds(30), null, null, cancellationToken).ConfigureAwait(false);
            return ParseDrivers(result.StandardOutput);
        }
        catch (Win32Exception)
        {
            return null;    // no qemu-img: qemu's own error will name the driver
        }
    }
}
