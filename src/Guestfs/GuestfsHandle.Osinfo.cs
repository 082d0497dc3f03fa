using System.Threading;
using System.Threading.Tasks;
using Guestfs.Inspection;
using Guestfs.Protocol;

namespace Guestfs;

/// <content>The libosinfo short id of an inspected guest (<c>inspect_get_osinfo</c>), mapped by <see cref="OsinfoMap"/>.</content>
public sealed partial class GuestfsHandle
{
    /// <summary>Guesses the libosinfo short id of an inspected guest (<c>inspect_get_osinfo</c>).</summary>
    /// <param name="root">A root returned by inspect_os.</param>
    /// <param name="cancellationToken">Cancels the daemon calls.</param>
    /// <returns>E.g. <c>debian12</c>, <c>fedora35</c>, <c>win10</c>, or <c>unknown</c>.</returns>
    public partial Task<string> InspectGetOsinfoAsync(string root, CancellationToken cancellationToken)
    {
        ArgumentGuard.ThrowIfContainsNul(root);
        return LibraryActionAsync("inspect_get_osinfo", root, async () =>
        {
            string type = (await InnerCallAsync<InspectGetTypeRet>(Procedure.InspectGetType, new InspectGetTypeArgs(root), cancellationToken).ConfigureAwait(false)).Name;
            string distro = (await InnerCallAsync<InspectGetDistroRet>(Procedure.InspectGetDistro, new InspectGetDistroArgs(root), cancellationToken).ConfigureAwait(false))
                .Distro;
            int major = await InspectVersionAsync(root, major: true, cancellationToken).ConfigureAwait(false);
            int minor = await InspectVersionAsync(root, major: false, cancellationToken).ConfigureAwait(false);
            string? productName = null, productVariant = null;
            if (type == "windows")
            {
                productName = (await InnerCallAsync<InspectGetProductNameRet>(Procedure.InspectGetProductName, new InspectGetProductNameArgs(root), cancellationToken)
                    .ConfigureAwait(false)).Product;
                productVariant = (await InnerCallAsync<InspectGetProductVariantRet>(Procedure.InspectGetProductVariant, new InspectGetProductVariantArgs(root), cancellationToken)
                    .ConfigureAwait(false)).Variant;
            }

            return OsinfoMap.ShortId(type, distro, major, minor, productName, productVariant);
        }, cancellationToken);
    }

    /// <summary>The major or minor version of a root; -1 when the daemon cannot tell, as libguestfs reads it.</summary>
    private async Task<int> InspectVersionAsync(string root, bool major, CancellationToken cancellationToken)
    {
        try
        {
            return major
                ? (await InnerCallAsync<InspectGetMajorVersionRet>(Procedure.InspectGetMajorVersion, new InspectGetMajorVersionArgs(root), cancellationToken).ConfigureAwait(false)).Major
                : (await InnerCallAsync<InspectGetMinorVersionRet>(Procedure.InspectGetMinorVersion, new InspectGetMinorVersionArgs(root), cancellationToken).ConfigureAwait(false)).Minor;
        }
        catch (GuestfsException e) when (IsDaemonError(e))
        {
            return -1;
        }
    }
}
