using System;
using System.Collections.Generic;

namespace Guestfs.Commands;

/// <summary>What a command returned, in the form a shell prints (one factory per <see cref="CommandReturnKind"/>).</summary>
/// <remarks>
/// <see cref="Value"/> is null for <see cref="CommandReturnKind.None"/>; a <see cref="bool"/>, <see cref="int"/>,
/// <see cref="long"/>, <see cref="string"/> (null for an absent optional string), <see cref="IReadOnlyList{T}"/> of
/// strings, <see cref="IReadOnlyDictionary{TKey, TValue}"/> or <see cref="byte"/> array for the scalar kinds; for a
/// structure the list of its <see cref="CommandField"/>s, and for a list of structures one such list per element.
/// </remarks>
public sealed class CommandResult
{
    private CommandResult(object? value)
    {
        Value = value;
    }

    /// <summary>No result.</summary>
    public static CommandResult None { get; } = new(null);

    /// <summary>The value (see the remarks for its type per kind).</summary>
    public object? Value { get; }

    /// <summary>A boolean result.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The result.</returns>
    public static CommandResult FromBool(bool value) => new(value);

    /// <summary>A 32-bit integer result.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The result.</returns>
    public static CommandResult FromInt32(int value) => new(value);

    /// <summary>A 64-bit integer result.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The result.</returns>
    public static CommandResult FromInt64(long value) => new(value);

    /// <summary>A string result, or an optional string (null when absent).</summary>
    /// <param name="value">The value.</param>
    /// <returns>The result.</returns>
    public static CommandResult FromString(string? value) => new(value);

    /// <summary>A list of strings.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The result.</returns>
    public static CommandResult FromStringList(IReadOnlyList<string> value) => new(value);

    /// <summary>A hash table (key/value pairs in the daemon's order).</summary>
    /// <param name="value">The value.</param>
    /// <returns>The result.</returns>
    public static CommandResult FromHashtable(IReadOnlyDictionary<string, string> value) => new(value);

    /// <summary>A buffer.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The result.</returns>
    public static CommandResult FromBuffer(byte[] value) => new(value);

    /// <summary>A structure, as its fields.</summary>
    /// <typeparam name="T">The structure's record type.</typeparam>
    /// <param name="value">The value.</param>
    /// <param name="fields">Lists the fields of a value (generated per structure).</param>
    /// <returns>The result.</returns>
    public static CommandResult FromStruct<T>(T? value, Func<T, IReadOnlyList<CommandField>> fields)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(fields);
        return new(value is null ? null : fields(value));
    }

    /// <summary>A list of structures, each as its fields.</summary>
    /// <typeparam name="T">The structure's record type.</typeparam>
    /// <param name="values">The values.</param>
    /// <param name="fields">Lists the fields of a value (generated per structure).</param>
    /// <returns>The result.</returns>
    public static CommandResult FromStructList<T>(IReadOnlyList<T> values, Func<T, IReadOnlyList<CommandField>> fields)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(fields);
        var list = new IReadOnlyList<CommandField>[values.Count];
        for (int i = 0; i < list.Length; i++)
        {
            list[i] = fields(values[i]);
        }

        return new(list);
    }
}
