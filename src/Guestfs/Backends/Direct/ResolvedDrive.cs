namespace Guestfs.Backends.Direct;

/// <summary>A user drive with its format settled, ready for the qemu command line.</summary>
/// <param name="Spec">The drive as added.</param>
/// <param name="Format">The format qemu is told (never left for qemu to guess).</param>
/// <param name="Probed">Whether <see cref="Format"/> came from probing rather than from the user.</param>
internal sealed record ResolvedDrive(DriveSpec Spec, string Format, bool Probed)
{
    /// <summary>The private (0600) file holding a network drive's secret, or <see langword="null"/>.</summary>
    public string? SecretFile { get; init; }
}
