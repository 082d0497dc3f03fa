using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Gfish.Commands;
using Gfish.Execution;

namespace Gfish.Tests.Fakes;

/// <summary>A catalog with real libguestfs signatures for the actions <see cref="FakeHandle"/> implements.</summary>
internal static class FakeCatalog
{
    private static CommandInfo Cmd(string name, string stem, ReturnInfo ret, ParameterInfo[] args, ParameterInfo[]? opt = null, string[]? aliases = null) =>
        new(name, aliases ?? [], args, opt ?? [], ret, $"summary of {name}", $"Description of {name}.");

    private static ParameterInfo P(string name, ParameterKind kind) => new(name, kind);

    public static CommandCatalog Create(bool withSetTrace = false) => new(
        [
            .. withSetTrace ? new[] { Cmd("set_trace", "SetTrace", ReturnInfo.None, [P("trace", ParameterKind.Bool)]) } : [],
            Cmd("set_memsize", "SetMemsize", ReturnInfo.None, [P("memsize", ParameterKind.Int)]),
            Cmd("get_memsize", "GetMemsize", new ReturnInfo(ReturnKind.Int), []),
            Cmd("set_verbose", "SetVerbose", ReturnInfo.None, [P("verbose", ParameterKind.Bool)], aliases: ["verbose"]),
            Cmd("add_drive", "AddDrive", ReturnInfo.None, [P("filename", ParameterKind.String)],
                [P("readonly", ParameterKind.Bool), P("format", ParameterKind.OptString), P("blocksize", ParameterKind.Int)], ["add"]),
            Cmd("write", "Write", ReturnInfo.None, [P("path", ParameterKind.String), P("content", ParameterKind.BufferIn)]),
            Cmd("cat", "Cat", new ReturnInfo(ReturnKind.String), [P("path", ParameterKind.String)]),
            Cmd("echo_daemon", "EchoDaemon", new ReturnInfo(ReturnKind.StringList), [P("words", ParameterKind.StringList)]),
            Cmd("upload", "Upload", ReturnInfo.None, [P("filename", ParameterKind.FileIn), P("remotefilename", ParameterKind.String)]) with { Progress = true },
            Cmd("download", "Download", ReturnInfo.None, [P("remotefilename", ParameterKind.String), P("filename", ParameterKind.FileOut)]) with { Progress = true },
            Cmd("lvs_full", "LvsFull", new ReturnInfo(ReturnKind.StructList), []),
            Cmd("list_filesystems", "ListFilesystems", new ReturnInfo(ReturnKind.Hashtable), []),
            Cmd("pread", "Pread", new ReturnInfo(ReturnKind.Buffer), [P("path", ParameterKind.String), P("count", ParameterKind.Int), P("offset", ParameterKind.Int64)]),
            Cmd("get_umask", "GetUmask", new ReturnInfo(ReturnKind.Int, NumberStyle: Guestfs.Commands.CommandNumberStyle.Octal), []),
            Cmd("glob_expand", "GlobExpand", new ReturnInfo(ReturnKind.StringList), [P("pattern", ParameterKind.String)]),
            Cmd("luks_open", "LuksOpen", ReturnInfo.None, [P("device", ParameterKind.String), P("key", ParameterKind.Key), P("mapname", ParameterKind.String)]),
            Cmd("launch", "Launch", ReturnInfo.None, [], aliases: ["run"]),
            Cmd("copy_in", "CopyIn", ReturnInfo.None, [P("localpath", ParameterKind.String), P("remotedir", ParameterKind.String)]),
            Cmd("copy_out", "CopyOut", ReturnInfo.None, [P("remotepath", ParameterKind.String), P("localdir", ParameterKind.String)]),
            Cmd("part_disk", "PartDisk", ReturnInfo.None, [P("device", ParameterKind.String), P("parttype", ParameterKind.String)]),
            Cmd("mkfs", "Mkfs", ReturnInfo.None, [P("fstype", ParameterKind.String), P("device", ParameterKind.String)], [P("blocksize", ParameterKind.Int), P("label", ParameterKind.String)]),
            Cmd("pvcreate", "Pvcreate", ReturnInfo.None, [P("device", ParameterKind.String)]),
            Cmd("vgcreate", "Vgcreate", ReturnInfo.None, [P("volgroup", ParameterKind.String), P("physvols", ParameterKind.StringList)]),
            Cmd("lvcreate_free", "LvcreateFree", ReturnInfo.None, [P("logvol", ParameterKind.String), P("volgroup", ParameterKind.String), P("percent", ParameterKind.Int)]),
            Cmd("mount_options", "MountOptions", ReturnInfo.None, [P("options", ParameterKind.String), P("mountable", ParameterKind.String), P("mountpoint", ParameterKind.String)]),
            Cmd("mount_vfs", "MountVfs", ReturnInfo.None, [P("options", ParameterKind.String), P("vfstype", ParameterKind.String), P("mountable", ParameterKind.String), P("mountpoint", ParameterKind.String)]),
            Cmd("inspect_os", "InspectOs", new ReturnInfo(ReturnKind.StringList), []),
            Cmd("inspect_get_mountpoints", "InspectGetMountpoints", new ReturnInfo(ReturnKind.Hashtable), [P("root", ParameterKind.String)]),
            Cmd("not_in_library", "NotInLibrary", ReturnInfo.None, []),
        ]);
}

internal sealed class FakeSessionFactory : ISessionFactory
{
    public List<FakeHandle> Handles { get; } = [];

    public IGuestfsSession Create()
    {
        var handle = new FakeHandle();
        Handles.Add(handle);
        return new FakeSession(handle);
    }
}
