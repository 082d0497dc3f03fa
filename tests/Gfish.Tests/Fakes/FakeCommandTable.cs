using System;
using System.Collections.Generic;

// The shape the generator's CommandTable.sbncs emits, in the namespace the reader looks for.
namespace Guestfs.Commands;

public enum CommandArgumentKind
{
    String,
    Device,
    Int,
    Bool,
    StringList,
    BufferIn,
    FileIn,
    FileOut,
    Key,
    OptionalBool,
    OptionalInt,
    OptionalString,
}

public enum CommandReturnKind
{
    None,
    Int,
    StringList,
    Buffer,
}

public sealed record CommandArgument(string Name, CommandArgumentKind Kind, bool IsOptional);

public sealed record CommandInfo(
    string Name,
    string MethodName,
    IReadOnlyList<string> Aliases,
    IReadOnlyList<CommandArgument> Arguments,
    CommandReturnKind Returns,
    string Summary,
    string Help,
    bool IsDeprecated);

public static class CommandTable
{
    public static IReadOnlyList<CommandInfo> All { get; } = new CommandInfo[]
    {
        new("add_drive", "AddDriveAsync", new[] { "add" },
            new CommandArgument[] { new("filename", CommandArgumentKind.String, false), new("readonly", CommandArgumentKind.OptionalBool, true), new("format", CommandArgumentKind.OptionalString, true) },
            CommandReturnKind.None, "add an image", "Adds an image.", false),
        new("pread", "PreadAsync", Array.Empty<string>(),
            new CommandArgument[] { new("path", CommandArgumentKind.String, false), new("count", CommandArgumentKind.Int, false), new("offset", CommandArgumentKind.Int, false) },
            CommandReturnKind.Buffer, "read part of a file", "Reads.", false),
        new("get_memsize", "GetMemsizeAsync", Array.Empty<string>(), Array.Empty<CommandArgument>(), CommandReturnKind.Int, "get memory", "Gets.", false),
        new("upload", "UploadAsync", Array.Empty<string>(),
            new CommandArgument[] { new("filename", CommandArgumentKind.FileIn, false), new("remotefilename", CommandArgumentKind.String, false) },
            CommandReturnKind.None, "upload a file", "Uploads.", false),
        new("part_get_mbr_id", "PartGetMbrIdAsync", Array.Empty<string>(),
            new CommandArgument[] { new("device", CommandArgumentKind.Device, false), new("partnum", CommandArgumentKind.Int, false) },
            CommandReturnKind.Int, "get the MBR type byte", "Gets.", false),
    };
}
