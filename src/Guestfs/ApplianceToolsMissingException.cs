using System.Collections.Generic;

namespace Guestfs;

/// <summary>
/// The appliance has to be built on this host (first launch, or its inputs changed) and programs or files the build
/// needs are missing. <see cref="Missing"/> lists them; <see cref="InstallCommand"/> installs them on this host's
/// distribution when it is known.
/// </summary>
public sealed class ApplianceToolsMissingException : GuestfsLaunchException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is missing and how to install it.</param>
    /// <param name="missing">What is missing, one entry per program or file.</param>
    /// <param name="packages">The distribution packages that provide them, in the same order as far as known.</param>
    /// <param name="installCommand">The command installing <paramref name="packages"/>, or <see langword="null"/> on an unknown distribution.</param>
    public ApplianceToolsMissingException(string message, IReadOnlyList<string> missing, IReadOnlyList<string> packages, string? installCommand)
        : base(message)
    {
        Missing = missing;
        Packages = packages;
        InstallCommand = installCommand;
    }

    /// <summary>The missing programs and files (for example <c>supermin</c>, <c>a kernel in /boot</c>).</summary>
    public IReadOnlyList<string> Missing { get; }

    /// <summary>The packages providing them on this host's distribution (empty when it is not known).</summary>
    public IReadOnlyList<string> Packages { get; }

    /// <summary>For example <c>sudo apt-get install supermin qemu-utils</c>; <see langword="null"/> when the distribution is not known.</summary>
    public string? InstallCommand { get; }
}
