using System;
using System.Collections.Generic;
using System.IO;

namespace Guestfs.Commands;

/// <summary>
/// A command's arguments as a shell converted them from text, read by the generated invokers through typed accessors:
/// required arguments by position, optional ones by their libguestfs name.
/// </summary>
/// <remarks>
/// Each kind has one .NET type: strings (and keys, devices, paths) <see cref="string"/>, optional strings
/// <see cref="string"/> or <see langword="null"/>, lists <see cref="IReadOnlyList{T}"/> of strings, <see cref="bool"/>,
/// <see cref="int"/>, <see cref="long"/>, buffers <see cref="byte"/> arrays, files <see cref="System.IO.Stream"/>.
/// A value of another type is the shell's error and throws <see cref="ArgumentException"/> naming the argument.
/// </remarks>
public sealed class CommandArguments
{
    private static readonly IReadOnlyDictionary<string, object?> s_noOptions = new Dictionary<string, object?>(StringComparer.Ordinal);
    private readonly IReadOnlyList<object?> _required;
    private readonly IReadOnlyDictionary<string, object?> _optional;

    /// <summary>Creates the arguments.</summary>
    /// <param name="required">The required arguments in order.</param>
    /// <param name="optional">The optional arguments given, by libguestfs name; null or empty when none.</param>
    public CommandArguments(IReadOnlyList<object?> required, IReadOnlyDictionary<string, object?>? optional = null)
    {
        ArgumentNullException.ThrowIfNull(required);
        _required = required;
        _optional = optional ?? s_noOptions;
    }

    /// <summary>Whether any optional argument was given (the invoker then passes an options record, otherwise none).</summary>
    public bool HasOptions => _optional.Count > 0;

    /// <summary>A string argument.</summary>
    /// <param name="index">Its position among the required arguments.</param>
    /// <returns>The value.</returns>
    public string String(int index) => Required<string>(index);

    /// <summary>An optional string argument (<c>OptString</c>): null when absent.</summary>
    /// <param name="index">Its position among the required arguments.</param>
    /// <returns>The value or null.</returns>
    public string? OptString(int index) => Get(index) is null ? null : Required<string>(index);

    /// <summary>A list of strings.</summary>
    /// <param name="index">Its position among the required arguments.</param>
    /// <returns>The value.</returns>
    public IReadOnlyList<string> StringList(int index) => Required<IReadOnlyList<string>>(index);

    /// <summary>A boolean.</summary>
    /// <param name="index">Its position among the required arguments.</param>
    /// <returns>The value.</returns>
    public bool Bool(int index) => Required<bool>(index);

    /// <summary>A 32-bit integer.</summary>
    /// <param name="index">Its position among the required arguments.</param>
    /// <returns>The value.</returns>
    public int Int32(int index) => Required<int>(index);

    /// <summary>A 64-bit integer.</summary>
    /// <param name="index">Its position among the required arguments.</param>
    /// <returns>The value.</returns>
    public long Int64(int index) => Required<long>(index);

    /// <summary>A buffer.</summary>
    /// <param name="index">Its position among the required arguments.</param>
    /// <returns>The value.</returns>
    public byte[] Buffer(int index) => Required<byte[]>(index);

    /// <summary>A file to upload from (FileIn, readable) or download to (FileOut, writable).</summary>
    /// <param name="index">Its position among the required arguments.</param>
    /// <returns>The value.</returns>
    public Stream Stream(int index) => Required<Stream>(index);

    /// <summary>An optional boolean argument.</summary>
    /// <param name="name">Its libguestfs name.</param>
    /// <returns>The value, or null when not given.</returns>
    public bool? OptionalBool(string name) => Optional<bool>(name);

    /// <summary>An optional 32-bit integer argument.</summary>
    /// <param name="name">Its libguestfs name.</param>
    /// <returns>The value, or null when not given.</returns>
    public int? OptionalInt32(string name) => Optional<int>(name);

    /// <summary>An optional 64-bit integer argument.</summary>
    /// <param name="name">Its libguestfs name.</param>
    /// <returns>The value, or null when not given.</returns>
    public long? OptionalInt64(string name) => Optional<long>(name);

    /// <summary>An optional string argument.</summary>
    /// <param name="name">Its libguestfs name.</param>
    /// <returns>The value, or null when not given.</returns>
    public string? OptionalString(string name) => OptionalReference<string>(name);

    /// <summary>An optional list-of-strings argument.</summary>
    /// <param name="name">Its libguestfs name.</param>
    /// <returns>The value, or null when not given.</returns>
    public IReadOnlyList<string>? OptionalStringList(string name) => OptionalReference<IReadOnlyList<string>>(name);

    private object? Get(int index) =>
        (uint)index < (uint)_required.Count
            ? _required[index]
            : throw new ArgumentException($"The command has no argument {index} (it was given {_required.Count}).", nameof(index));

    private T Required<T>(int index) => Get(index) is T value
        ? value
        : throw new ArgumentException($"Argument {index} must be a {typeof(T).Name}, not {Describe(Get(index))}.", nameof(index));

    private T? Optional<T>(string name)
        where T : struct =>
        !_optional.TryGetValue(name, out object? value) ? null
        : value is T typed ? typed
        : throw new ArgumentException($"Optional argument '{name}' must be a {typeof(T).Name}, not {Describe(value)}.", nameof(name));

    private T? OptionalReference<T>(string name)
        where T : class =>
        !_optional.TryGetValue(name, out object? value) || value is null ? null
        : value as T ?? throw new ArgumentException($"Optional argument '{name}' must be a {typeof(T).Name}, not {Describe(value)}.", nameof(name));

    private static string Describe(object? value) => value is null ? "null" : "a " + value.GetType().Name;
}
