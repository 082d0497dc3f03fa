namespace Guestfs.Backends.Direct;

/// <summary>A located appliance: the files qemu boots.</summary>
/// <param name="Directory">The directory holding them.</param>
/// <param name="Kernel">The kernel qemu loads: the uncompressed ELF (PVH entry) when there is one, else the bzImage.</param>
/// <param name="Initrd">The initrd (supermin's mini initrd).</param>
/// <param name="Root">The ext2 root file system image.</param>
/// <param name="RootUuid">The root file system's UUID, for <c>root=UUID=…</c> on the kernel command line.</param>
/// <param name="IsFixed">Whether it is a fixed appliance (found through the path), as opposed to our cache.</param>
internal sealed record ApplianceFiles(string Directory, string Kernel, string Initrd, string Root, string RootUuid, bool IsFixed);
