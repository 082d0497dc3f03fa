namespace Gfish;

/// <summary>The texts of <c>--help</c> and <c>-N help</c>.</summary>
internal static class UsageText
{
    /// <summary>The <c>--help</c> text.</summary>
    public const string Usage = """
        gfish: guest filesystem shell, a guestfish-compatible shell on the Guestfs library
        Usage:
          gfish [--options] cmd [: cmd : cmd ...]
        Options:
          -h|--cmd-help        List available commands
          -h|--cmd-help cmd    Display detailed help on ‘cmd’
          -a|--add image       Add image
          -f|--file file       Read commands from file
          --format[=raw|..]    Force disk format for -a option
          --help               Display brief help
          -i|--inspector       Automatically mount filesystems
        --keys-from-stdin    Read passphrases from stdin
          -m|--mount dev[:mnt[:opts[:fstype]]]
                               Mount dev on mnt (if omitted, /)
          --network            Enable network
          -N|--new [filename=]type
                               Create prepared disk (test<N>.img or filename)
          --progress-bars      Enable progress bars even when not interactive
          --no-progress-bars   Disable progress bars
          -r|--ro              Mount read-only
          -v|--verbose         Verbose messages
          -V|--version         Display version and exit
          -w|--rw              Mount read-write
          -x                   Echo each command before executing it

        To examine a disk image, ISO, hard disk, filesystem etc:
          gfish [--ro|--rw] -i -a /path/to/disk.img

        ‘--ro’ is recommended to avoid any writes to the disk image.
        """;

    /// <summary>The <c>-N help</c> text: the prepared disk types, their parameters and defaults (as guestfish 1.48.6).</summary>
    public const string ScratchHelp = """
        List of available prepared disk images:

        gfish -N disk     - create a blank disk

          Create a blank disk, size 1G (by default).

          The default size can be changed by supplying an optional parameter.

          Optional parameters:
            -N disk:<size>
              <size> the size of the disk image (default: 1G)

        gfish -N part     - create a partitioned disk

          Create a disk with a single partition. By default the size of the disk
          is 1G (the available space in the partition will be a tiny bit smaller)
          and the partition table will be MBR (old DOS-style).

          These defaults can be changed by supplying optional parameters.

          Optional parameters:
            -N part:<size>:<partition>
              <size> the size of the disk image (default: 1G)
              <partition> partition table type (default: mbr)

        gfish -N fs       - create a filesystem

          Create a disk with a single partition, with the partition containing an
          empty filesystem. This defaults to creating a 1G disk (the available
          space in the filesystem will be a tiny bit smaller) with an MBR (old
          DOS-style) partition table and an ext2 filesystem.

          These defaults can be changed by supplying optional parameters.

          Optional parameters:
            -N fs:<filesystem>:<size>:<partition>
              <filesystem> the type of filesystem to use (default: ext2)
              <size> the size of the disk image (default: 1G)
              <partition> partition table type (default: mbr)

        gfish -N lv       - create a disk with logical volume

          Create a disk with a single partition, set up the partition as an LVM2
          physical volume, and place a volume group and logical volume on there.
          This defaults to creating a 1G disk with the VG and LV called
          "/dev/VG/LV". You can change the name of the VG and LV by supplying an
          alternate name as the first optional parameter.

          Note this does not create a filesystem. Use 'lvfs' to do that.

          Optional parameters:
            -N lv:<name>:<size>:<partition>
              <name> the name of the VG and LV to use (default: /dev/VG/LV)
              <size> the size of the disk image (default: 1G)
              <partition> partition table type (default: mbr)

        gfish -N lvfs     - create a disk with logical volume and filesystem

          Create a disk with a single partition, set up the partition as an LVM2
          physical volume, and place a volume group and logical volume on there.
          Then format the LV with a filesystem. This defaults to creating a 1G
          disk with the VG and LV called "/dev/VG/LV", with an ext2 filesystem.

          Optional parameters:
            -N lvfs:<name>:<filesystem>:<size>:<partition>
              <name> the name of the VG and LV to use (default: /dev/VG/LV)
              <filesystem> the type of filesystem to use (default: ext2)
              <size> the size of the disk image (default: 1G)
              <partition> partition table type (default: mbr)

        gfish -N bootroot - create a boot and root filesystem

          Create a disk with two partitions, for boot and root filesystem. Format
          the two filesystems independently. There are several optional parameters
          which control the exact layout and filesystem types.

          Optional parameters:
            -N bootroot:<bootfs>:<rootfs>:<size>:<bootsize>:<partition>
              <bootfs> the type of filesystem to use for boot (default: ext2)
              <rootfs> the type of filesystem to use for root (default: ext2)
              <size> the size of the disk image (default: 1G)
              <bootsize> the size of the boot filesystem (default: 128M)
              <partition> partition table type (default: mbr)

        gfish -N bootrootlv - create a boot and root filesystem using LVM

          This is the same as "bootroot" but the root filesystem (only) is placed
          on a logical volume, named by default "/dev/VG/LV". There are several
          optional parameters which control the exact layout.

          Optional parameters:
            -N bootrootlv:<name>:<bootfs>:<rootfs>:<size>:<bootsize>:<partition>
              <name> the name of the VG and LV for root (default: /dev/VG/LV)
              <bootfs> the type of filesystem to use for boot (default: ext2)
              <rootfs> the type of filesystem to use for root (default: ext2)
              <size> the size of the disk image (default: 1G)
              <bootsize> the size of the boot filesystem (default: 128M)
              <partition> partition table type (default: mbr)

        Prepared disk images are written to file "test1.img" in the local
        directory.  ("test2.img" etc if -N option is given multiple times).
        You can override the name by providing a filename before the type, eg:

          gfish -N blank.img=fs

        For more information see the gfish(1) manual.
        """;
}
