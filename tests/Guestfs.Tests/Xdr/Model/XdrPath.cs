using System.Globalization;

namespace Guestfs.Tests.Xdr.Model;

/// <summary>Path segments for array elements, built only when an error propagates.</summary>
internal static class XdrPath
{
    public static string Index(int index) => "[" + index.ToString(CultureInfo.InvariantCulture) + "]";
}
