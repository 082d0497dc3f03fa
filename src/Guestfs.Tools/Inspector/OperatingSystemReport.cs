using System.Collections.Generic;

namespace Guestfs.Tools.Inspector;

/// <summary>
/// What virt-inspector reports about one root, already filtered as it prints it: values libguestfs calls
/// <c>unknown</c>, empty strings and failed optional lookups are null; lists are in output order.
/// </summary>
/// <param name="Root">The root's canonical device name.</param>
/// <param name="Name">The OS type (<c>linux</c>, <c>windows</c>, …).</param>
/// <param name="Arch">The architecture.</param>
/// <param name="Distro">The distribution.</param>
/// <param name="ProductName">The product name.</param>
/// <param name="ProductVariant">The product variant.</param>
/// <param name="MajorVersion">The major version (always printed).</param>
/// <param name="MinorVersion">The minor version (always printed).</param>
/// <param name="PackageFormat">The package format.</param>
/// <param name="PackageManagement">The package manager.</param>
/// <param name="WindowsSystemroot">The Windows system root.</param>
/// <param name="WindowsCurrentControlSet">The Windows current control set.</param>
/// <param name="Hostname">The host name.</param>
/// <param name="Osinfo">The libosinfo short id.</param>
/// <param name="Mountpoints">Mount point and canonical device, shortest mount point first.</param>
/// <param name="Filesystems">The filesystems, by device name.</param>
/// <param name="DriveMappings">Windows drive letters and canonical devices, or null when there are none.</param>
/// <param name="Applications">The installed applications, or null with <c>--no-applications</c>.</param>
/// <param name="Icon">The icon, or null when there is none or with <c>--no-icon</c>.</param>
internal sealed record OperatingSystemReport(
    string Root,
    string? Name,
    string? Arch,
    string? Distro,
    string? ProductName,
    string? ProductVariant,
    int MajorVersion,
    int MinorVersion,
    string? PackageFormat,
    string? PackageManagement,
    string? WindowsSystemroot,
    string? WindowsCurrentControlSet,
    string? Hostname,
    string? Osinfo,
    IReadOnlyList<KeyValuePair<string, string>> Mountpoints,
    IReadOnlyList<FilesystemReport> Filesystems,
    IReadOnlyList<KeyValuePair<string, string>>? DriveMappings,
    IReadOnlyList<ApplicationReport>? Applications,
    byte[]? Icon);

/// <summary>One filesystem of a root; absent or failed lookups are null.</summary>
/// <param name="Device">The canonical device name.</param>
/// <param name="Type">The filesystem type.</param>
/// <param name="Label">The label.</param>
/// <param name="Uuid">The UUID.</param>
internal sealed record FilesystemReport(string Device, string? Type, string? Label, string? Uuid);

/// <summary>One installed application; empty fields are null and a zero epoch is null.</summary>
/// <param name="Name">The package name.</param>
/// <param name="DisplayName">The display name.</param>
/// <param name="Epoch">The epoch, when not zero.</param>
/// <param name="Version">The version.</param>
/// <param name="Release">The release.</param>
/// <param name="Arch">The architecture.</param>
/// <param name="InstallPath">The install path.</param>
/// <param name="Publisher">The publisher.</param>
/// <param name="Url">The URL.</param>
/// <param name="SourcePackage">The source package.</param>
/// <param name="Summary">The summary.</param>
/// <param name="Description">The description.</param>
internal sealed record ApplicationReport(
    string Name,
    string? DisplayName,
    int? Epoch,
    string? Version,
    string? Release,
    string? Arch,
    string? InstallPath,
    string? Publisher,
    string? Url,
    string? SourcePackage,
    string? Summary,
    string? Description);
