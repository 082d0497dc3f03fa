namespace Guestfs.Commands;

/// <summary>One field of a structure a command returned, in the structure's declaration order.</summary>
/// <param name="Name">The libguestfs field name (<c>lv_uuid</c>).</param>
/// <param name="Value">
/// The value as the record holds it: <see cref="string"/>, <see cref="int"/>, <see cref="long"/>, <see cref="uint"/>,
/// <see cref="ulong"/>, <see cref="char"/>, <see cref="byte"/> array, or <see cref="float"/> (a percentage; null or
/// negative when absent).
/// </param>
public readonly record struct CommandField(string Name, object? Value);
