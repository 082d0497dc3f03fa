using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Threading.Tasks;

namespace Gfish.Commands;

/// <summary>
/// Builds the shell's catalog from the generated command table of the Guestfs assembly
/// (<c>Guestfs.Commands.CommandTable.All</c>), refining what the table leaves open from the handle's method signatures:
/// 32- or 64-bit integers (parameters, optional arguments and results) and which actions report progress.
/// </summary>
/// <remarks>
/// The table is read by reflection so that gfish builds against the runtime whether or not the generator's output
/// is present; the shape read is the one <c>CommandTable.sbncs</c> emits (<c>Name</c>, <c>MethodName</c>, <c>Aliases</c>,
/// <c>Arguments</c> of <c>Name</c>/<c>Kind</c>/<c>IsOptional</c>, <c>Returns</c>, <c>Summary</c>, <c>Help</c>, <c>IsDeprecated</c>).
/// </remarks>
internal static class GeneratedCatalogReader
{
    /// <summary>
    /// Actions whose integer result guestfish prints in octal or hexadecimal (libguestfs's <c>fish_output</c>).
    /// The generated table does not carry this flag yet; remove this list when it does.
    /// </summary>
    private static readonly Dictionary<string, NumberStyle> s_numberStyles = new(StringComparer.Ordinal)
    {
        ["umask"] = NumberStyle.Octal,
        ["get_umask"] = NumberStyle.Octal,
        ["part_get_mbr_id"] = NumberStyle.Hexadecimal,
        ["fsck"] = NumberStyle.Hexadecimal,
        ["c_pointer"] = NumberStyle.Hexadecimal,
    };

    /// <summary>Reads the table, or returns null when the assembly has none.</summary>
    /// <param name="library">The Guestfs assembly.</param>
    /// <param name="handleType">The handle type whose methods refine the kinds, or null.</param>
    /// <returns>The catalog, or null.</returns>
    public static CommandCatalog? TryRead(Assembly library, Type? handleType)
    {
        var table = library.GetType("Guestfs.Commands.CommandTable");
        if (table?.GetProperty("All", BindingFlags.Public | BindingFlags.Static)?.GetValue(null) is not IEnumerable all)
        {
            return null;
        }

        var commands = new List<CommandInfo>();
        foreach (var entry in all)
        {
            if (entry is not null)
            {
                commands.Add(Convert(entry, handleType));
            }
        }

        return new CommandCatalog(commands, []);
    }

    /// <summary>Converts one generated entry.</summary>
    /// <param name="entry">A <c>Guestfs.Commands.CommandInfo</c>.</param>
    /// <param name="handleType">The handle type, or null.</param>
    /// <returns>The shell's entry.</returns>
    public static CommandInfo Convert(object entry, Type? handleType)
    {
        var name = Get<string>(entry, "Name");
        var methodName = Get<string>(entry, "MethodName");
        var stem = methodName.EndsWith("Async", StringComparison.Ordinal) ? methodName[..^5] : methodName;
        var method = handleType?.GetMethods(BindingFlags.Public | BindingFlags.Instance)
            .Where(m => m.Name == methodName)
            .OrderByDescending(m => m.GetParameters().Length)
            .FirstOrDefault();
        var methodParameters = method?.GetParameters()
            .Where(p => p.ParameterType != typeof(System.Threading.CancellationToken) && !IsProgress(p.ParameterType))
            .ToArray() ?? [];
        var optionsType = methodParameters.LastOrDefault(p => p.ParameterType.Name.EndsWith("Options", StringComparison.Ordinal))?.ParameterType;

        var required = new List<ParameterInfo>();
        var optional = new List<ParameterInfo>();
        var index = 0;
        foreach (var argument in Get<IEnumerable>(entry, "Arguments"))
        {
            var argName = Get<string>(argument, "Name");
            var kind = Get<object>(argument, "Kind").ToString()!;
            if (Get<bool>(argument, "IsOptional"))
            {
                var property = optionsType?.GetProperties().FirstOrDefault(p => string.Equals(p.Name, argName.Replace("_", string.Empty, StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase));
                optional.Add(new ParameterInfo(argName, MapKind(kind["Optional".Length..], property?.PropertyType)));
            }
            else
            {
                var type = index < methodParameters.Length ? methodParameters[index].ParameterType : null;
                required.Add(new ParameterInfo(argName, MapKind(kind, type)));
                index++;
            }
        }

        var returnType = method?.ReturnType is { IsGenericType: true } t && t.GetGenericTypeDefinition() == typeof(Task<>) ? t.GetGenericArguments()[0] : null;
        var returnKind = MapReturn(Get<object>(entry, "Returns").ToString()!, returnType);
        var style = s_numberStyles.GetValueOrDefault(name, NumberStyle.Decimal);
        return new CommandInfo(
            name,
            [.. Get<IEnumerable<string>>(entry, "Aliases")],
            required,
            optional,
            new ReturnInfo(returnKind, null, style),
            Get<string>(entry, "Summary"),
            Get<string>(entry, "Help"),
            stem)
        {
            Progress = method?.GetParameters().Any(p => IsProgress(p.ParameterType)) ?? false,
        };
    }

    private static bool IsProgress(Type type) => type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IProgress<>);

    private static ParameterKind MapKind(string kind, Type? type)
    {
        var underlying = type is null ? null : Nullable.GetUnderlyingType(type) ?? type;
        return kind switch
        {
            "Bool" => ParameterKind.Bool,
            "Int" or "Int64" => underlying == typeof(long) ? ParameterKind.Int64 : ParameterKind.Int,
            "OptString" => ParameterKind.OptString,
            "StringList" or "DeviceList" or "FilenameList" => ParameterKind.StringList,
            "BufferIn" => ParameterKind.BufferIn,
            "FileIn" => ParameterKind.FileIn,
            "FileOut" => ParameterKind.FileOut,
            "Key" => ParameterKind.Key,
            _ => ParameterKind.String,
        };
    }

    private static ReturnKind MapReturn(string kind, Type? type) => kind switch
    {
        "Int" or "Int64" => type == typeof(long) ? ReturnKind.Int64 : ReturnKind.Int,
        "Bool" => ReturnKind.Bool,
        "String" => ReturnKind.String,
        "OptString" => ReturnKind.OptString,
        "StringList" => ReturnKind.StringList,
        "Struct" => ReturnKind.Struct,
        "StructList" => ReturnKind.StructList,
        "Hashtable" => ReturnKind.Hashtable,
        "Buffer" => ReturnKind.Buffer,
        _ => ReturnKind.None,
    };

    private static T Get<T>(object o, string property) =>
        o.GetType().GetProperty(property)?.GetValue(o) is T value
            ? value
            : throw new InvalidOperationException($"The generated command table entry {o.GetType()} has no {typeof(T).Name} property '{property}'.");
}
