using System;
using Gfish.Commands;
using Gfish.Execution;
using Guestfs;
using Guestfs.Commands;
using Guestfs.Protocol;
using CommandInfo = Gfish.Commands.CommandInfo;
using ParameterInfo = Gfish.Commands.ParameterInfo;

namespace Gfish;

/// <summary>
/// Binds gfish to the Guestfs library: the catalog from the generated command table
/// (<see cref="CommandTable.All"/>: names, argument kinds and widths, result kinds, number styles, progress and a typed
/// invoker per action), and a <see cref="GuestfsHandle"/> per session, called through <see cref="HandleSession"/>.
/// </summary>
internal static class LibraryBinding
{
    /// <summary>Creates the catalog and the handle factory.</summary>
    /// <returns>Both.</returns>
    public static (ICommandCatalog Catalog, ISessionFactory Sessions) Create() =>
        (CreateCatalog(), new HandleSessionFactory());

    /// <summary>The shell's catalog of every command in the generated table.</summary>
    /// <returns>The catalog.</returns>
    public static CommandCatalog CreateCatalog()
    {
        var commands = new CommandInfo[CommandTable.All.Count];
        for (var i = 0; i < commands.Length; i++)
        {
            commands[i] = Convert(CommandTable.All[i]);
        }

        return new CommandCatalog(commands);
    }

    /// <summary>The shell's view of one generated entry.</summary>
    /// <param name="entry">The entry.</param>
    /// <returns>The shell's entry.</returns>
    public static CommandInfo Convert(Guestfs.Commands.CommandInfo entry)
    {
        var required = new System.Collections.Generic.List<ParameterInfo>();
        var optional = new System.Collections.Generic.List<ParameterInfo>();
        foreach (var argument in entry.Arguments)
        {
            (argument.IsOptional ? optional : required).Add(new ParameterInfo(argument.Name, Kind(argument.Kind)));
        }

        return new CommandInfo(
            entry.Name,
            entry.Aliases,
            required,
            optional,
            new ReturnInfo(Kind(entry.Returns), entry.NumberStyle),
            entry.Summary,
            entry.Help)
        {
            Progress = entry.ReportsProgress,
            Invoke = entry.InvokeAsync,
        };
    }

    /// <summary>The text guestfish prints after <c>libguestfs: error: </c> for a library exception.</summary>
    /// <param name="action">The libguestfs name of the action that failed.</param>
    /// <param name="e">The exception.</param>
    /// <returns>The text, worded as libguestfs words the same situation.</returns>
    public static string Describe(string action, Exception e) => e switch
    {
        GuestfsException { Procedure: { } p } when e.Message == DaemonErrors.Describe(p, string.Empty) => $"{p}: ",
        ArgumentException { ParamName: { } name } a => $"{action}: {name}: {ArgumentProblem(a.Message, name)}",
        _ => e.Message,
    };

    /// <summary>What an argument exception says is wrong, without the name the library puts before and after it.</summary>
    private static string ArgumentProblem(string message, string name)
    {
        var text = message.Replace($" (Parameter '{name}')", string.Empty, StringComparison.Ordinal);
        return text.StartsWith(name + " ", StringComparison.Ordinal) ? text[(name.Length + 1)..] : text;
    }

    private static ParameterKind Kind(CommandArgumentKind kind) => kind switch
    {
        CommandArgumentKind.Bool or CommandArgumentKind.OptionalBool => ParameterKind.Bool,
        CommandArgumentKind.Int or CommandArgumentKind.OptionalInt => ParameterKind.Int,
        CommandArgumentKind.Int64 or CommandArgumentKind.OptionalInt64 => ParameterKind.Int64,
        CommandArgumentKind.OptString => ParameterKind.OptString,
        CommandArgumentKind.StringList or CommandArgumentKind.DeviceList or CommandArgumentKind.FilenameList or CommandArgumentKind.OptionalStringList => ParameterKind.StringList,
        CommandArgumentKind.BufferIn => ParameterKind.BufferIn,
        CommandArgumentKind.FileIn => ParameterKind.FileIn,
        CommandArgumentKind.FileOut => ParameterKind.FileOut,
        CommandArgumentKind.Key => ParameterKind.Key,
        _ => ParameterKind.String,
    };

    private static ReturnKind Kind(CommandReturnKind kind) => kind switch
    {
        CommandReturnKind.Int => ReturnKind.Int,
        CommandReturnKind.Int64 => ReturnKind.Int64,
        CommandReturnKind.Bool => ReturnKind.Bool,
        CommandReturnKind.String => ReturnKind.String,
        CommandReturnKind.OptString => ReturnKind.OptString,
        CommandReturnKind.StringList => ReturnKind.StringList,
        CommandReturnKind.Struct => ReturnKind.Struct,
        CommandReturnKind.StructList => ReturnKind.StructList,
        CommandReturnKind.Hashtable => ReturnKind.Hashtable,
        CommandReturnKind.Buffer => ReturnKind.Buffer,
        _ => ReturnKind.None,
    };

    private sealed class HandleSessionFactory : ISessionFactory
    {
        public IGuestfsSession Create() => new HandleSession(new GuestfsHandle(), Describe);
    }
}
