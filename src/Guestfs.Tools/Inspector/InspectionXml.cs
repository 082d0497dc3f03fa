using System.Collections.Generic;
using System.Linq;
using System.Xml.Linq;
using Guestfs.Tools.Common;

namespace Guestfs.Tools.Inspector;

/// <summary>The <c>&lt;operatingsystems&gt;</c> document of virt-inspector (its RELAX NG schema is <c>virt-inspector.rng</c>).</summary>
internal static class InspectionXml
{
    /// <summary>Builds the document's root element, elements in the stock order, absent values left out.</summary>
    /// <param name="reports">One report per root.</param>
    /// <returns>The <c>operatingsystems</c> element.</returns>
    public static XElement Build(IEnumerable<OperatingSystemReport> reports) =>
        new("operatingsystems", reports.Select(OperatingSystem));

    private static XElement OperatingSystem(OperatingSystemReport os)
    {
        var e = new XElement("operatingsystem");
        Add(e, "root", os.Root);
        Add(e, "name", os.Name);
        Add(e, "arch", os.Arch);
        Add(e, "distro", os.Distro);
        Add(e, "product_name", os.ProductName);
        Add(e, "product_variant", os.ProductVariant);
        Add(e, "major_version", os.MajorVersion.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Add(e, "minor_version", os.MinorVersion.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Add(e, "package_format", os.PackageFormat);
        Add(e, "package_management", os.PackageManagement);
        Add(e, "windows_systemroot", os.WindowsSystemroot);
        Add(e, "windows_current_control_set", os.WindowsCurrentControlSet);
        Add(e, "hostname", os.Hostname);
        Add(e, "osinfo", os.Osinfo);
        e.Add(new XElement("mountpoints", os.Mountpoints.Select(m => new XElement("mountpoint", new XAttribute("dev", m.Value), m.Key))));
        e.Add(new XElement("filesystems", os.Filesystems.Select(Filesystem)));
        if (os.DriveMappings is { } mappings)
        {
            e.Add(new XElement("drive_mappings", mappings.Select(m => new XElement("drive_mapping", new XAttribute("name", m.Key), m.Value))));
        }

        if (os.Applications is { } applications)
        {
            e.Add(new XElement("applications", applications.Select(Application)));
        }

        if (os.Icon is { } icon)
        {
            e.Add(new XElement("icon", LibxmlText.Base64(icon)));
        }

        return e;
    }

    private static XElement Filesystem(FilesystemReport fs)
    {
        var e = new XElement("filesystem", new XAttribute("dev", fs.Device));
        Add(e, "type", fs.Type);
        Add(e, "label", fs.Label);
        Add(e, "uuid", fs.Uuid);
        return e;
    }

    private static XElement Application(ApplicationReport a)
    {
        var e = new XElement("application");
        Add(e, "name", a.Name);
        Add(e, "display_name", a.DisplayName);
        Add(e, "epoch", a.Epoch?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Add(e, "version", a.Version);
        Add(e, "release", a.Release);
        Add(e, "arch", a.Arch);
        Add(e, "install_path", a.InstallPath);
        Add(e, "publisher", a.Publisher);
        Add(e, "url", a.Url);
        Add(e, "source_package", a.SourcePackage);
        Add(e, "summary", a.Summary);
        Add(e, "description", a.Description);
        return e;
    }

    /// <summary>A child element with text, or nothing when the value is absent (an empty string is still written).</summary>
    private static void Add(XElement parent, string name, string? value)
    {
        if (value is not null)
        {
            parent.Add(new XElement(name, value));
        }
    }
}
