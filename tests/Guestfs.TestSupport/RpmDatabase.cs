using System;
using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;

namespace Guestfs.TestSupport;

/// <summary>One package of a test guest's RPM database. <paramref name="Epoch"/> 0 means none.</summary>
internal sealed record RpmPackage(string Name, int Epoch, string Version, string Release, string Arch, string Summary, string Description, string Url);

/// <summary>
/// Writes a real RPM database for a test guest with Debian's <c>rpm</c> package: each package is built empty
/// (no files) with <c>rpmbuild</c>, then recorded with <c>rpm --root ROOT --justdb</c> in
/// <c>ROOT/var/lib/rpm</c> in the order given (librpm iterates it in that order). The database is sqlite, as
/// Fedora 33+ and RHEL 9 have it; <see cref="GuestMacros"/> is the <c>/usr/lib/rpm/macros</c> a guest needs so that
/// librpm, run chrooted in the guest as libguestfs's daemon does, finds it there with that backend.
/// </summary>
internal static class RpmDatabase
{
    /// <summary>The macros a guest's <c>/usr/lib/rpm/macros</c> must hold for librpm to open its database (as Fedora's do).</summary>
    public const string GuestMacros = "%_var\t/var\n%_dbpath\t%{_var}/lib/rpm\n%_db_backend\tsqlite\n";

    private const string Spec = """
        Name: %{pkg_name}
        Version: %{pkg_version}
        Release: %{pkg_release}
        %if 0%{?pkg_epoch}
        Epoch: %{pkg_epoch}
        %endif
        Summary: %{pkg_summary}
        License: MIT
        URL: %{pkg_url}
        %description
        %{pkg_description}
        %files
        """;

    /// <summary>Whether the host has the programs <see cref="WriteAsync"/> runs.</summary>
    public static bool HostCanBuild => File.Exists("/usr/bin/rpmbuild") && File.Exists("/usr/bin/rpm");

    /// <summary>
    /// Builds <paramref name="packages"/> in <paramref name="work"/> and records them in <paramref name="root"/>'s
    /// <c>/var/lib/rpm</c>.
    /// </summary>
    /// <exception cref="InvalidOperationException">rpmbuild or rpm failed; the message holds its standard error.</exception>
    public static async Task WriteAsync(string work, string root, IReadOnlyList<RpmPackage> packages)
    {
        string top = Path.Combine(work, "rpmbuild");
        string spec = Path.Combine(work, "package.spec");
        await File.WriteAllTextAsync(spec, Spec + "\n");
        var built = new List<string>();
        foreach (RpmPackage p in packages)
        {
            // A macro's value ends at a newline unless the newline is escaped with a backslash.
            await RunAsync("rpmbuild", [
                "-bb", "--quiet", "--target", p.Arch,
                "--define", "_topdir " + top,
                "--define", "_build_id_links none",
                "--define", "pkg_name " + p.Name,
                "--define", "pkg_version " + p.Version,
                "--define", "pkg_release " + p.Release,
                "--define", "pkg_epoch " + p.Epoch,
                "--define", "pkg_summary " + p.Summary,
                "--define", "pkg_url " + p.Url,
                "--define", "pkg_description " + p.Description.Replace("\n", "\\\n", StringComparison.Ordinal),
                spec,
            ]);
            built.Add(Path.Combine(top, "RPMS", p.Arch, $"{p.Name}-{p.Version}-{p.Release}.{p.Arch}.rpm"));
        }

        // Debian's rpm warns that it should not install packages (alien should); --justdb records them only.
        await RunAsync("rpm", ["--root", root, "--dbpath", "/var/lib/rpm", "--justdb", "--nodeps", "--noscripts", "--notriggers", "--ignorearch", "--ignoreos", "-i", .. built]);
    }

    private static async Task RunAsync(string program, string[] arguments)
    {
        var result = await ExternalProgram.RunAsync(program, arguments);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed ({result.ExitCode}): {result.Stderr}");
        }
    }
}
