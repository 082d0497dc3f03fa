using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Guestfs.Tools.Tests;

/// <summary>
/// The guest images the tool tests run on, each built with stock guestfish the first time a test asks for it and
/// kept for the rest of the test run in one scratch directory (removed at the end). Tests that use it join the
/// <see cref="GuestImagesCollection"/>, so an image is built once however many classes need it.
/// </summary>
public sealed class GuestImages : IAsyncLifetime
{
    // A 32x32 one-colour PNG (84 bytes), under the 2048-byte limit libguestfs puts on the Debian logo.
    private const string LogoPng = "iVBORw0KGgoAAAANSUhEUgAAACAAAAAgAQMAAABJtOi3AAAAA1BMVEX/AAAZ4gk3AAAADElEQVQImWNgGNwAAACgAAHlG0+uAAAAAElFTkSuQmCC";

    private readonly Lazy<Task<string>> _debian;
    private readonly Lazy<Task<string>> _debianChanged;
    private readonly Lazy<Task<string>> _debianJournal;
    private readonly ConcurrentDictionary<string, Lazy<Task<ProgramResult>>> _stockRuns = new(StringComparer.Ordinal);

    /// <summary>Creates the scratch directory; nothing is built until asked for.</summary>
    public GuestImages()
    {
        _debian = new Lazy<Task<string>>(BuildDebianAsync, LazyThreadSafetyMode.ExecutionAndPublication);
        _debianChanged = new Lazy<Task<string>>(BuildDebianChangedAsync, LazyThreadSafetyMode.ExecutionAndPublication);
        _debianJournal = new Lazy<Task<string>>(BuildDebianJournalAsync, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The scratch directory holding the images and the files their builds uploaded.</summary>
    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("guestfs-tools-tests-").FullName;

    /// <summary>
    /// A Debian-like guest (raw, 128 MiB): MBR with <c>/dev/sda1</c> ext4 <c>/boot</c> (label <c>boot</c>) and
    /// <c>/dev/sda2</c> an LVM PV holding VG <c>debvg</c> with LV <c>root</c> (ext4, the root filesystem), an
    /// <c>/etc/fstab</c> naming both, <c>/etc/os-release</c>, <c>/etc/debian_version</c>, <c>/etc/hostname</c>,
    /// a dpkg status database, a logo for <c>inspect_get_icon</c>, a <c>/var/log/syslog</c>, and a few ordinary files.
    /// </summary>
    public Task<string> DebianAsync() => _debian.Value;

    /// <summary>
    /// A copy of <see cref="DebianAsync"/> changed by our virt-edit (made once, for virt-diff): <c>/etc/hostname</c>
    /// and <c>/home/user/notes.txt</c> rewritten, <c>/etc/fstab</c> replaced by a copy with the old one kept as
    /// <c>/etc/fstab.orig</c>.
    /// </summary>
    public Task<string> DebianChangedAsync() => _debianChanged.Value;

    /// <summary>
    /// A copy of <see cref="DebianAsync"/> with a systemd journal (<see cref="JournalEntries"/>, written by the host's
    /// <c>systemd-journal-remote</c>) in <c>/var/log/journal/MACHINE-ID/system.journal</c>, so that virt-log reads the
    /// journal instead of <c>/var/log/syslog</c>. Skips the test when the host cannot write journal files.
    /// </summary>
    public Task<string> DebianJournalAsync()
    {
        Skip.IfNot(SystemdJournal.HostCanWrite, "a journal file needs systemd-journal-remote (Debian package systemd-journal-remote)");
        return _debianJournal.Value;
    }

    /// <summary>
    /// The entries of <see cref="DebianJournalAsync"/>'s journal: what virt-log's short format takes from each field
    /// and each fallback (identifier, else <c>_COMM</c>; no PID; a priority missing, out of range or longer than a
    /// digit; no message; a message with a newline, a NUL byte, UTF-8 and bytes that are not UTF-8; a field twice),
    /// on days that need zero padding.
    /// </summary>
    public static IReadOnlyList<(DateTimeOffset Time, IReadOnlyList<(string Name, byte[] Value)> Fields)> JournalEntries { get; } =
    [
        (new(2024, 1, 5, 10, 0, 1, TimeSpan.Zero), [("PRIORITY", Text("6")), ("SYSLOG_IDENTIFIER", Text("kernel")), ("MESSAGE", Text("Linux version 6.1.0-13-amd64")), ("_HOSTNAME", Text("debtest"))]),
        (new(2024, 1, 15, 10, 0, 2, 250, TimeSpan.Zero), [("PRIORITY", Text("3")), ("_COMM", Text("sshd")), ("_PID", Text("412")), ("MESSAGE", Text("error: two\nlines"))]),
        (new(2024, 2, 29, 23, 59, 59, TimeSpan.Zero), [("PRIORITY", Text("x")), ("MESSAGE", [.. Text("before NUL"), 0, .. Text("after")])]),
        (new(2024, 3, 1, 0, 0, 0, TimeSpan.Zero), [("SYSLOG_IDENTIFIER", Text("systemd")), ("_COMM", Text("init")), ("_PID", Text("1")), ("PRIORITY", Text("0")), ("MESSAGE", Text("Started café ✓ service."))]),
        (new(2024, 7, 4, 12, 30, 0, TimeSpan.Zero), [("PRIORITY", Text("7")), ("SYSLOG_IDENTIFIER", Text("cron")), ("_PID", Text("977"))]),
        (new(2024, 11, 30, 8, 5, 9, TimeSpan.Zero), [("PRIORITY", Text("42")), ("SYSLOG_IDENTIFIER", Text("app")), ("MESSAGE", [.. Text("raw "), 0xff, 0xfe, .. Text(" bytes")])]),
        (new(2024, 12, 31, 23, 0, 0, TimeSpan.Zero), [("SYSLOG_IDENTIFIER", Text("twice")), ("MESSAGE", Text("first")), ("MESSAGE", Text("second")), ("PRIORITY", Text("8"))]),
    ];

    /// <summary>
    /// A sparse copy of <see cref="DebianAsync"/> under a new name, for a test that writes to it.
    /// </summary>
    public async Task<string> DebianCopyAsync(string name)
    {
        string copy = Path.Combine(Directory, name);
        var copied = await ExternalProgram.RunAsync("cp", ["--sparse=always", await DebianAsync(), copy]);
        if (copied.ExitCode != 0)
        {
            throw new InvalidOperationException($"copying the Debian image failed: {copied.Stderr}");
        }

        return copy;
    }

    /// <summary>
    /// Stock <c>/usr/bin/<paramref name="tool"/></c> run once per argument list for the whole test run (in
    /// <see cref="Directory"/>): each stock run boots an appliance under TCG, so tests that need the same stock output
    /// share one run.
    /// </summary>
    internal Task<ProgramResult> StockAsync(string tool, params string[] args) =>
        _stockRuns.GetOrAdd(
            tool + "\0" + string.Join('\0', args),
            _ => new Lazy<Task<ProgramResult>>(() => ExternalProgram.RunStockAsync(Path.Combine("/usr/bin", tool), args, Directory))).Value;

    /// <summary>Stock (shared, see <see cref="StockAsync"/>) and ours with the same arguments in <see cref="Directory"/>.</summary>
    internal async Task<ToolComparison> CompareAsync(string tool, params string[] args) =>
        await ToolComparison.RunOursAgainstAsync(tool, args, await StockAsync(tool, args), Directory);

    /// <inheritdoc/>
    public Task InitializeAsync() => Task.CompletedTask;

    /// <inheritdoc/>
    public Task DisposeAsync()
    {
        System.IO.Directory.Delete(Directory, recursive: true);
        return Task.CompletedTask;
    }

    private async Task<string> BuildDebianAsync()
    {
        var files = new Dictionary<string, byte[]>
        {
            ["deb-os-release"] = Text("PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nNAME=\"Debian GNU/Linux\"\nVERSION_ID=\"12\"\nVERSION=\"12 (bookworm)\"\nVERSION_CODENAME=bookworm\nID=debian\nHOME_URL=\"https://www.debian.org/\"\n"),
            ["deb-fstab"] = Text("# /etc/fstab: static file system information.\n/dev/debvg/root / ext4 errors=remount-ro 0 1\n/dev/sda1 /boot ext4 defaults 0 2\n"),
            ["deb-status"] = Text(
                "Package: bash\nStatus: install ok installed\nPriority: required\nArchitecture: amd64\nSource: bash (5.2.15-2)\n" +
                "Version: 5.2.15-2+b2\nHomepage: http://tiswww.case.edu/php/chet/bash/bashtop.html\nDescription: GNU Bourne Again SHell\n" +
                " Bash is an sh-compatible command language interpreter.\n .\n Bash is ultimately intended to be a conformant implementation.\n" +
                "Conffiles:\n /etc/bash.bashrc 89269e1298235f1b12b4c16e4065ad0d\n\n" +
                "Package: libc6\nStatus: install ok installed\nArchitecture: amd64\nVersion: 2:2.36-9+deb12u4\nDescription: GNU C Library: Shared libraries\n\n" +
                "Package: removed-pkg\nStatus: deinstall ok config-files\nVersion: 1.0-1\n\n" +
                "Package: zlib1g\nStatus: install ok installed\nArchitecture: amd64\nSource: zlib\nVersion: 1:1.2.13.dfsg-1\n\n" +
                "Package: adduser\nStatus: install ok installed\nArchitecture: all\nVersion: 3.134\nDescription: add and remove users and groups\n\n" +
                "Package: xml-chars\nStatus: install ok installed\nArchitecture: all\nVersion: 1.0<2>&3\nDescription: summary with <markup> & \"quotes\"\n\n"),
            ["logo.png"] = Convert.FromBase64String(LogoPng),
            ["deb-syslog"] = Text(
                "2024-01-15T10:00:01.000000+00:00 debtest kernel: [    0.000000] Linux version 6.1.0-13-amd64\n" +
                "2024-01-15T10:00:02.000000+00:00 debtest systemd[1]: Started Journal Service.\n" +
                "2024-01-15T10:00:03.000000+00:00 debtest sshd[412]: Server listening on 0.0.0.0 port 22.\n"),
        };
        await GuestfishImageBuilder.BuildAsync(Directory, files, """
            sparse debian.img 128M
            run
            part-init /dev/sda mbr
            part-add /dev/sda p 2048 65535
            part-add /dev/sda p 65536 260095
            mkfs ext4 /dev/sda1 label:boot
            pvcreate /dev/sda2
            vgcreate debvg /dev/sda2
            lvcreate-free root debvg 100
            mkfs ext4 /dev/debvg/root
            mount /dev/debvg/root /
            mkdir /boot
            mount /dev/sda1 /boot
            mkdir-p /bin
            mkdir-p /etc
            mkdir-p /var/lib/dpkg
            mkdir-p /usr/share/pixmaps
            mkdir-p /home/user
            mkdir-p /var/log
            upload deb-os-release /etc/os-release
            write /etc/debian_version "12.4\n"
            upload deb-fstab /etc/fstab
            write /etc/hostname "debtest\n"
            upload deb-status /var/lib/dpkg/status
            upload logo.png /usr/share/pixmaps/debian-logo.png
            upload deb-syslog /var/log/syslog
            write /boot/config-6.1.0-13-amd64 "CONFIG_X86_64=y\n"
            write /home/user/notes.txt "hello\n"
            ln-s notes.txt /home/user/link
            umount-all
            """, "debian.gfs");
        return Path.Combine(Directory, "debian.img");
    }

    private async Task<string> BuildDebianChangedAsync()
    {
        string changed = await DebianCopyAsync("debian-changed.img");
        string edit = Path.Combine(RepositoryPaths.Root, "eng", "virt-edit");
        foreach (string[] args in new[]
        {
            new[] { "-a", changed, "-e", "s/debtest/changed/", "/etc/hostname" },
            ["-a", changed, "-e", "$_ .= \"more\\n\" if eof", "/home/user/notes.txt"],
            ["-a", changed, "-b", ".orig", "-e", "s/defaults/defaults,noatime/", "/etc/fstab"],
        })
        {
            var run = await ExternalProgram.RunStockAsync(edit, args, Directory);
            if (run.ExitCode != 0)
            {
                throw new InvalidOperationException($"changing the Debian copy failed: {run}");
            }
        }

        return changed;
    }

    private async Task<string> BuildDebianJournalAsync()
    {
        const string MachineId = "8f3a2b1c4d5e6f708192a3b4c5d6e7f8";
        string image = await DebianCopyAsync("debian-journal.img");
        await SystemdJournal.WriteAsync(Path.Combine(Directory, "system.journal"), JournalEntries);
        await GuestfishImageBuilder.BuildAsync(Directory, new Dictionary<string, byte[]>(), $"""
            add debian-journal.img format:raw
            run
            mount /dev/debvg/root /
            mkdir-p /var/log/journal/{MachineId}
            upload system.journal /var/log/journal/{MachineId}/system.journal
            umount-all
            """, "debian-journal.gfs");
        return image;
    }

    private static byte[] Text(string s) => Encoding.UTF8.GetBytes(s);
}

/// <summary>The test classes that share <see cref="GuestImages"/> (and so run one after another).</summary>
[CollectionDefinition(Name)]
public sealed class GuestImagesCollection : ICollectionFixture<GuestImages>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "GuestImages";
}
