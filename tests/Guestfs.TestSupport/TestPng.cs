using System;

namespace Guestfs.TestSupport;

/// <summary>Small PNG files for test guests' logos.</summary>
internal static class TestPng
{
    /// <summary>
    /// A 32x32 one-colour PNG (84 bytes): under every size limit libguestfs puts on the distribution logos it
    /// returns from <c>inspect_get_icon</c> (2048 bytes for Debian's, the smallest).
    /// </summary>
    public static byte[] Logo => Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAACAAAAAgAQMAAABJtOi3AAAAA1BMVEX/AAAZ4gk3AAAADElEQVQImWNgGNwAAACgAAHlG0+uAAAAAElFTkSuQmCC");
}
