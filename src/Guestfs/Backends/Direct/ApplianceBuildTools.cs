using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace Guestfs.Backends.Direct;

/// <summary>
/// What building the appliance (<c>appliance/build.sh</c>) needs on the host, checked before the build runs so a
/// missing piece is one typed error listing everything missing and the command that installs it.
/// </summary>
internal static class ApplianceBuildTools
{
    /// <summary>One thing the build needs.</summary>
    /// <param name="Name">How the error names it (a program, or a description).</param>
    /// <param name="Debian">The Debian/Ubuntu package providing it.</param>
    /// <param name="Fedora">The Fedora package providing it.</param>
    /// <param name="Required">Whether the build fails without it (else the appliance is built without a speed-up).</param>
    internal sealed record Tool(string Name, string Debian, string Fedora, bool Required);

    /// <summary>What is missing, and how to install it.</summary>
    /// <param name="Required">Missing pieces without which the build fails.</param>
    /// <param name="Optional">Missing pieces the build does without (the init starts programs instead, a settle always starts the udevadm script).</param>
    internal sealed record Report(IReadOnlyList<Tool> Required, IReadOnlyList<Tool> Optional);

    /// <summary>Checks the host.</summary>
    /// <param name="searchPath">The <c>PATH</c> to search for programs.</param>
    /// <param name="bootDirectory">Where kernels are (<c>/boot</c>).</param>
    /// <param name="modulesDirectory">Where their modules are (<c>/lib/modules</c>).</param>
    /// <param name="bashHeaders">Bash's loadable-builtin header (<c>/usr/include/bash/builtins.h</c>).</param>
    /// <returns>What is missing.</returns>
    public static Report Check(string? searchPath, string bootDirectory, string modulesDirectory, string bashHeaders)
    {
        bool OnPath(string program) => ProcessRunner.ResolveProgram(program, searchPath ?? "/usr/bin:/bin") is not null;

        string supermin = NonEmpty(Environment.GetEnvironmentVariable("SUPERMIN")) ?? "supermin";
        string qemu = NonEmpty(Environment.GetEnvironmentVariable("GUESTFS_QEMU")) ?? "qemu-system-x86_64";
        var required = new List<Tool>();
        var optional = new List<Tool>();
        void Need(bool present, Tool tool)
        {
            if (!present)
            {
                (tool.Required ? required : optional).Add(tool);
            }
        }

        Need(OnPath(supermin), new Tool(supermin, "supermin", "supermin", true));
        Need(OnPath(qemu), new Tool(qemu, "qemu-system-x86", "qemu-system-x86", true));
        Need(OnPath("qemu-img"), new Tool("qemu-img", "qemu-utils", "qemu-img", true));
        Need(HasKernel(bootDirectory, modulesDirectory), new Tool($"a kernel in {bootDirectory} with its modules in {modulesDirectory}", "linux-image-amd64", "kernel-core", true));
        Need(OnPath("cpio"), new Tool("cpio", "cpio", "cpio", true));
        Need(OnPath("xz"), new Tool("xz", "xz-utils", "xz", true));
        Need(OnPath("strip") && OnPath("readelf"), new Tool("strip, readelf", "binutils", "binutils", true));
        Need(OnPath("flock"), new Tool("flock", "util-linux", "util-linux", true));
        Need(OnPath(NonEmpty(Environment.GetEnvironmentVariable("CC")) ?? "cc"), new Tool("gcc (compiles the init's builtins and the udevadm settle fast path)", "gcc", "gcc", false));
        Need(File.Exists(bashHeaders), new Tool(bashHeaders + " (for the init's builtins)", "bash-builtins", "bash-devel", false));
        return new Report(required, optional);
    }

    /// <summary>The install command for this distribution, from the text of <c>/etc/os-release</c>.</summary>
    /// <param name="osRelease">The file's text, or <see langword="null"/> if it could not be read.</param>
    /// <param name="tools">What to install.</param>
    /// <param name="packages">The packages it names (empty on an unknown distribution).</param>
    /// <returns>The command, or <see langword="null"/> on an unknown distribution.</returns>
    public static string? InstallCommand(string? osRelease, IReadOnlyList<Tool> tools, out IReadOnlyList<string> packages)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (string line in (osRelease ?? string.Empty).Split('\n'))
        {
            int equals = line.IndexOf('=', StringComparison.Ordinal);
            string key = equals > 0 ? line[..equals].Trim() : string.Empty;
            if (key is "ID" or "ID_LIKE")
            {
                ids.UnionWith(line[(equals + 1)..].Trim().Trim('"', '\'').Split(' ', StringSplitOptions.RemoveEmptyEntries));
            }
        }

        (string? installer, Func<Tool, string>? package) =
            ids.Contains("debian") || ids.Contains("ubuntu") ? ("sudo apt-get install", static t => t.Debian)
            : ids.Contains("fedora") ? ("sudo dnf install", static t => t.Fedora)
            : ((string?)null, (Func<Tool, string>?)null);
        if (installer is null || package is null)
        {
            packages = [];
            return null;
        }

        packages = tools.Select(package).Distinct(StringComparer.Ordinal).ToArray();
        return installer + " " + string.Join(' ', packages);
    }

    /// <summary>Builds the launch error for missing required pieces (optional ones missing too are listed as recommended).</summary>
    /// <param name="report">What is missing.</param>
    /// <param name="osRelease">The text of <c>/etc/os-release</c>, or <see langword="null"/>.</param>
    /// <returns>The exception.</returns>
    public static ApplianceToolsMissingException Error(Report report, string? osRelease)
    {
        IReadOnlyList<Tool> all = [.. report.Required, .. report.Optional];
        string? command = InstallCommand(osRelease, all, out IReadOnlyList<string> packages);
        string names = string.Join(", ", report.Required.Select(static t => t.Name));
        string recommended = report.Optional.Count == 0 ? string.Empty : $" Also recommended: {string.Join(", ", report.Optional.Select(static t => t.Name))}.";
        string install = command is null
            ? " Install them with the distribution's package manager."
            : $" Install them with: {command}";
        return new ApplianceToolsMissingException(
            $"launch: the appliance must be built on this host and these are missing: {names}.{recommended}{install} " +
            "(or use a fixed appliance: set LIBGUESTFS_PATH to a directory with kernel, initrd, root and README.fixed)",
            report.Required.Select(static t => t.Name).ToArray(),
            packages,
            command);
    }

    private static bool HasKernel(string bootDirectory, string modulesDirectory)
    {
        if (NonEmpty(Environment.GetEnvironmentVariable("SUPERMIN_KERNEL")) is { } kernel)
        {
            return File.Exists(kernel);
        }

        return Directory.Exists(bootDirectory) && Directory.EnumerateFiles(bootDirectory, "vmlinuz-*")
            .Any(k => Directory.Exists(Path.Combine(modulesDirectory, Path.GetFileName(k)["vmlinuz-".Length..])));
    }

    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
