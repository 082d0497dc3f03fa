using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Guestfs.Tools.Inspector;

/// <summary>
/// virt-inspector's <c>--json</c> form (not in stock): the same facts as the XML, as
/// <c>{"operatingsystems":[{…}]}</c> with the XML element names as keys, absent values left out, the versions
/// and epochs as numbers, <c>mountpoints</c>/<c>drive_mappings</c> as arrays of objects and the icon in base64.
/// </summary>
internal static class InspectionJson
{
    private static readonly JsonWriterOptions s_options = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Writes the document, followed by a newline.</summary>
    /// <param name="output">Where to write.</param>
    /// <param name="reports">One report per root.</param>
    public static void Write(Stream output, IEnumerable<OperatingSystemReport> reports)
    {
        using (var json = new Utf8JsonWriter(output, s_options))
        {
            WriteDocument(json, reports);
        }

        output.WriteByte((byte)'\n');
    }

    /// <summary>Writes the document as a value of <paramref name="json"/> (guestfs-fleet puts it in its lines).</summary>
    /// <param name="json">The writer.</param>
    /// <param name="reports">One report per root.</param>
    public static void WriteDocument(Utf8JsonWriter json, IEnumerable<OperatingSystemReport> reports)
    {
        json.WriteStartObject();
        json.WriteStartArray("operatingsystems");
        foreach (var os in reports)
        {
            WriteOperatingSystem(json, os);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteOperatingSystem(Utf8JsonWriter json, OperatingSystemReport os)
    {
        json.WriteStartObject();
        json.WriteString("root", os.Root);
        Write(json, "name", os.Name);
        Write(json, "arch", os.Arch);
        Write(json, "distro", os.Distro);
        Write(json, "product_name", os.ProductName);
        Write(json, "product_variant", os.ProductVariant);
        json.WriteNumber("major_version", os.MajorVersion);
        json.WriteNumber("minor_version", os.MinorVersion);
        Write(json, "package_format", os.PackageFormat);
        Write(json, "package_management", os.PackageManagement);
        Write(json, "windows_systemroot", os.WindowsSystemroot);
        Write(json, "windows_current_control_set", os.WindowsCurrentControlSet);
        Write(json, "hostname", os.Hostname);
        Write(json, "osinfo", os.Osinfo);
        json.WriteStartArray("mountpoints");
        foreach (var (mountpoint, device) in os.Mountpoints)
        {
            json.WriteStartObject();
            json.WriteString("dev", device);
            json.WriteString("mountpoint", mountpoint);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("filesystems");
        foreach (var fs in os.Filesystems)
        {
            json.WriteStartObject();
            json.WriteString("dev", fs.Device);
            Write(json, "type", fs.Type);
            Write(json, "label", fs.Label);
            Write(json, "uuid", fs.Uuid);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        if (os.DriveMappings is { } mappings)
        {
            json.WriteStartArray("drive_mappings");
            foreach (var (name, device) in mappings)
            {
                json.WriteStartObject();
                json.WriteString("name", name);
                json.WriteString("dev", device);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        if (os.Applications is { } applications)
        {
            json.WriteStartArray("applications");
            foreach (var a in applications)
            {
                json.WriteStartObject();
                json.WriteString("name", a.Name);
                Write(json, "display_name", a.DisplayName);
                if (a.Epoch is { } epoch)
                {
                    json.WriteNumber("epoch", epoch);
                }

                Write(json, "version", a.Version);
                Write(json, "release", a.Release);
                Write(json, "arch", a.Arch);
                Write(json, "install_path", a.InstallPath);
                Write(json, "publisher", a.Publisher);
                Write(json, "url", a.Url);
                Write(json, "source_package", a.SourcePackage);
                Write(json, "summary", a.Summary);
                Write(json, "description", a.Description);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        if (os.Icon is { } icon)
        {
            json.WriteString("icon", Convert.ToBase64String(icon));
        }

        json.WriteEndObject();
    }

    private static void Write(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }
}
