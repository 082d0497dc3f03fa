using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace Guestfs.Fleet.Orleans;

/// <summary>The actions a worker has without being told: <c>inspect</c>.</summary>
public static class FleetActions
{
    /// <summary>
    /// Inspects the image: <c>{"operatingsystems":[{"root","type","distro","product_name","major_version",
    /// "minor_version","hostname"}]}</c>, one object per root <c>inspect_os</c> finds (an empty list for none). For
    /// the whole of <c>virt-inspector</c>'s report per image, use <c>guestfs-fleet inspect</c>.
    /// </summary>
    /// <param name="handle">The launched handle.</param>
    /// <param name="job">The job.</param>
    /// <param name="cancellationToken">Cancels the inspection.</param>
    /// <returns>The JSON text.</returns>
    public static async Task<string> InspectAsync(GuestfsHandle handle, FleetJob job, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> roots = await handle.InspectOsAsync(cancellationToken).ConfigureAwait(false);
        var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartArray("operatingsystems");
            foreach (string root in roots)
            {
                json.WriteStartObject();
                json.WriteString("root", root);
                json.WriteString("type", await handle.InspectGetTypeAsync(root, cancellationToken).ConfigureAwait(false));
                json.WriteString("distro", await handle.InspectGetDistroAsync(root, cancellationToken).ConfigureAwait(false));
                json.WriteString("product_name", await handle.InspectGetProductNameAsync(root, cancellationToken).ConfigureAwait(false));
                json.WriteNumber("major_version", await handle.InspectGetMajorVersionAsync(root, cancellationToken).ConfigureAwait(false));
                json.WriteNumber("minor_version", await handle.InspectGetMinorVersionAsync(root, cancellationToken).ConfigureAwait(false));
                json.WriteString("hostname", await handle.InspectGetHostnameAsync(root, cancellationToken).ConfigureAwait(false));
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
