using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;

namespace Guestfs.TestSupport;

/// <summary>
/// A Windows-like guest image (raw, 96 MiB) for comparing inspection with stock libguestfs: MBR with disk signature
/// <see cref="DiskSignature"/>, <c>/dev/sda1</c> a 16 MiB NTFS "System Reserved" volume and <c>/dev/sda2</c> the
/// NTFS system volume holding what libguestfs's Windows root check looks for (<c>/Windows/System32/config</c> and
/// <c>/Windows/System32/cmd.exe</c>, here a bare x86-64 PE header that file(1) recognises) and the SOFTWARE and
/// SYSTEM hives (made with <see cref="RegistryHive"/>): Windows Server 2022 (10.0 from
/// CurrentMajor/MinorVersionNumber), the hostname under ControlSet001 (Select\Current = 1), MountedDevices mapping
/// C: to <c>/dev/sda2</c> beside entries inspection must skip, and native and WOW64 Uninstall keys, some without a
/// DisplayName or with a value that is not a string; and a stand-in for the System event log
/// (<c>/Windows/System32/winevt/Logs/System.evtx</c>, <see cref="EventLogText"/>), which virt-log hands to
/// <c>evtxdump.py</c>.
/// </summary>
internal static class WindowsGuestImage
{
    /// <summary>The MBR disk signature (bytes 440-443), which MountedDevices entries name.</summary>
    public static readonly byte[] DiskSignature = [0x57, 0x49, 0x4e, 0x31];

    /// <summary>The first sector of <c>/dev/sda2</c> (C:).</summary>
    public const long SystemPartitionStartSector = 34816;

    /// <summary>What <c>/Windows/System32/winevt/Logs/System.evtx</c> holds: an EVTX file's signature, then text.</summary>
    public const string EventLogText = "ElfFile\0 stand-in for the System event log\n";

    /// <summary>The SOFTWARE hive, as <c>.reg</c> text with keys relative to the hive's root.</summary>
    public static readonly string SoftwareReg = $$"""
        Windows Registry Editor Version 5.00

        [\Microsoft\Windows NT\CurrentVersion]
        "ProductName"="Windows Server 2022 Datacenter"
        "CurrentVersion"="6.3"
        "CurrentMajorVersionNumber"=dword:0000000a
        "CurrentMinorVersionNumber"=dword:00000000
        "CurrentBuild"="20348"
        "InstallationType"="Server"
        "EditionID"="ServerDatacenter"
        "SystemRoot"="C:\\Windows"

        [\Microsoft\Windows\CurrentVersion\Uninstall\7-Zip]
        "DisplayName"="7-Zip 23.01 (x64)"
        "DisplayVersion"="23.01"
        "Publisher"="Igor Pavlov"
        "InstallLocation"="C:\\Program Files\\7-Zip\\"
        "URLInfoAbout"="https://www.7-zip.org/"
        "Comments"="Archiver <7z> & \"zip\""

        [\Microsoft\Windows\CurrentVersion\Uninstall\{90160000-008C-0000-1000-0000000FF1CE}]
        "DisplayName"="Office 16 Click-to-Run Extensibility Component"
        "DisplayVersion"="16.0.17328.20162"
        "Publisher"="Microsoft Corporation"
        "InstallDate"="20240115"
        "InstallLocation"=""
        "EstimatedSize"=dword:00001234

        [\Microsoft\Windows\CurrentVersion\Uninstall\KB5034129]
        "InstallDate"="20240110"

        [\Microsoft\Windows\CurrentVersion\Uninstall\Notepad++]
        "DisplayName"={{RegistryHive.StringAsHex("Notepad++ (64-bit x64) — éditeur")}}
        "DisplayVersion"="8.6.2"
        "Publisher"=dword:00000001

        [\WOW6432Node\Microsoft\Windows\CurrentVersion\Uninstall\Git_is1]
        "DisplayName"="Git"
        "DisplayVersion"=hex(2):32,00,2e,00,34,00,33,00,2e,00,30,00,00,00
        "Publisher"="The Git Development Community"
        "InstallLocation"="C:\\Program Files (x86)\\Git\\"
        "URLInfoAbout"="https://gitforwindows.org/"
        "InstallDate"="20240201"

        """;

    /// <summary>The SYSTEM hive, as <c>.reg</c> text with keys relative to the hive's root.</summary>
    public const string SystemReg = """
        Windows Registry Editor Version 5.00

        [\Select]
        "Current"=dword:00000001
        "Default"=dword:00000001
        "LastKnownGood"=dword:00000002

        [\ControlSet001\Control\ComputerName\ComputerName]
        "ComputerName"="WIN-GUESTFS01"

        [\ControlSet001\Services\Tcpip\Parameters]
        "Hostname"="win-guestfs01"
        "Domain"="example.org"

        [\ControlSet002\Services\Tcpip\Parameters]
        "Hostname"="stale-name"

        [\MountedDevices]
        "\\DosDevices\\C:"=hex:57,49,4e,31,00,00,10,01,00,00,00,00
        "\\DosDevices\\E:"=hex:de,ad,be,ef,00,00,10,00,00,00,00,00
        "\\DosDevices\\F:"=hex:57,49,4e,31,00,00,10,00,00,00,00,00
        "\\DosDevices\\D:"=hex:5c,00,3f,00,3f,00,5c,00,49,00,44,00,45,00,23,00
        "\\??\\Volume{8f2e1c3a-0000-0000-0000-100000000000}"=hex:57,49,4e,31,00,00,10,01,00,00,00,00

        """;

    /// <summary>Whether the host has what <see cref="BuildAsync"/> needs besides stock guestfish.</summary>
    public static bool HostCanBuild => File.Exists("/usr/bin/hivexregedit");

    /// <summary>Builds <c>windows.img</c> in <paramref name="directory"/> (with stock guestfish) and returns its path.</summary>
    public static async Task<string> BuildAsync(string directory)
    {
        await RegistryHive.WriteAsync(Path.Combine(directory, "SOFTWARE"), SoftwareReg);
        await RegistryHive.WriteAsync(Path.Combine(directory, "SYSTEM"), SystemReg);
        var files = new Dictionary<string, byte[]>
        {
            ["cmd.exe"] = MinimalPe64(),
            ["disk-signature"] = DiskSignature,
            ["System.evtx"] = System.Text.Encoding.UTF8.GetBytes(EventLogText),
        };
        await GuestfishImageBuilder.BuildAsync(directory, files, $"""
            sparse windows.img 96M
            run
            part-init /dev/sda mbr
            part-add /dev/sda p 2048 {SystemPartitionStartSector - 1}
            part-add /dev/sda p {SystemPartitionStartSector} -2048
            part-set-bootable /dev/sda 1 true
            upload-offset disk-signature /dev/sda 440
            mkfs ntfs /dev/sda1 "label:System Reserved"
            mkfs ntfs /dev/sda2
            mount /dev/sda1 /
            mkdir "/System Volume Information"
            mkdir-p /Boot
            write /bootmgr "bootmgr"
            umount-all
            mount /dev/sda2 /
            mkdir-p /Windows/System32/config
            upload cmd.exe /Windows/System32/cmd.exe
            upload SOFTWARE /Windows/System32/config/SOFTWARE
            upload SYSTEM /Windows/System32/config/SYSTEM
            mkdir-p /Windows/System32/winevt/Logs
            upload System.evtx /Windows/System32/winevt/Logs/System.evtx
            mkdir "/Program Files"
            mkdir "/Program Files/7-Zip"
            mkdir "/Program Files (x86)"
            mkdir "/System Volume Information"
            mkdir-p /Users/Administrator
            umount-all
            """, "windows.gfs");
        return Path.Combine(directory, "windows.img");
    }

    /// <summary>
    /// The headers of an x86-64 console program and nothing else: an MZ header pointing at a PE signature, a COFF
    /// header (machine AMD64, executable) and the start of a PE32+ optional header (subsystem console). file(1)
    /// says "PE32+ executable (console) x86-64", which is how libguestfs gets the architecture of a Windows guest.
    /// </summary>
    internal static byte[] MinimalPe64()
    {
        const int peOffset = 0x80;
        const int optionalHeader = peOffset + 24;
        byte[] exe = new byte[512];
        "MZ"u8.CopyTo(exe);
        BinaryPrimitives.WriteInt32LittleEndian(exe.AsSpan(0x3c), peOffset);
        "PE\0\0"u8.CopyTo(exe.AsSpan(peOffset));
        BinaryPrimitives.WriteUInt16LittleEndian(exe.AsSpan(peOffset + 4), 0x8664); // machine
        BinaryPrimitives.WriteUInt16LittleEndian(exe.AsSpan(peOffset + 20), 240); // optional header size
        BinaryPrimitives.WriteUInt16LittleEndian(exe.AsSpan(peOffset + 22), 0x22); // executable, large-address aware
        BinaryPrimitives.WriteUInt16LittleEndian(exe.AsSpan(optionalHeader), 0x20b); // PE32+
        BinaryPrimitives.WriteUInt16LittleEndian(exe.AsSpan(optionalHeader + 68), 3); // console subsystem
        return exe;
    }
}
