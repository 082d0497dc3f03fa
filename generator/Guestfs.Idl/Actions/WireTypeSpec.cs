using System.Globalization;

namespace Guestfs.Idl.Actions;

/// <summary>A resolved XDR type (typedefs inlined), as compared by the actions validator.</summary>
/// <param name="Kind">The shape.</param>
/// <param name="Name">The struct or enum name, for <see cref="WireTypeKind.Struct"/> and <see cref="WireTypeKind.Enum"/>.</param>
/// <param name="Element">The element type, for <see cref="WireTypeKind.Array"/> and <see cref="WireTypeKind.Optional"/>.</param>
/// <param name="FixedLength">The length of <c>opaque[N]</c> or <c>T[N]</c>; null when variable.</param>
public sealed record WireTypeSpec(WireTypeKind Kind, string? Name = null, WireTypeSpec? Element = null, int? FixedLength = null)
{
    /// <summary><c>int</c>.</summary>
    public static WireTypeSpec Int { get; } = new(WireTypeKind.Int);

    /// <summary><c>hyper</c>.</summary>
    public static WireTypeSpec Hyper { get; } = new(WireTypeKind.Hyper);

    /// <summary><c>bool</c>.</summary>
    public static WireTypeSpec Bool { get; } = new(WireTypeKind.Bool);

    /// <summary><c>string&lt;&gt;</c>.</summary>
    public static WireTypeSpec String { get; } = new(WireTypeKind.String);

    /// <summary><c>opaque&lt;&gt;</c>.</summary>
    public static WireTypeSpec Opaque { get; } = new(WireTypeKind.Opaque);

    /// <summary>An array of strings.</summary>
    public static WireTypeSpec StringArray { get; } = ArrayOf(String);

    /// <summary>A variable-length array of <paramref name="element"/>.</summary>
    /// <param name="element">The element type.</param>
    /// <returns>The array type.</returns>
    public static WireTypeSpec ArrayOf(WireTypeSpec element) => new(WireTypeKind.Array, Element: element);

    /// <summary>An optional (<c>*</c>) <paramref name="element"/>.</summary>
    /// <param name="element">The element type.</param>
    /// <returns>The optional type.</returns>
    public static WireTypeSpec OptionalOf(WireTypeSpec element) => new(WireTypeKind.Optional, Element: element);

    /// <summary>The named struct.</summary>
    /// <param name="name">The XDR struct name.</param>
    /// <returns>The struct type.</returns>
    public static WireTypeSpec StructOf(string name) => new(WireTypeKind.Struct, name);

    /// <inheritdoc />
    public override string ToString() => Kind switch
    {
        WireTypeKind.Int => "int",
        WireTypeKind.UInt => "unsigned int",
        WireTypeKind.Hyper => "hyper",
        WireTypeKind.UHyper => "unsigned hyper",
        WireTypeKind.Bool => "bool",
        WireTypeKind.Float => "float",
        WireTypeKind.Double => "double",
        WireTypeKind.Char => "char",
        WireTypeKind.String => "string",
        WireTypeKind.Opaque => "opaque<>",
        WireTypeKind.FixedOpaque => "opaque[" + FixedLength?.ToString(CultureInfo.InvariantCulture) + "]",
        WireTypeKind.Struct => "struct " + Name,
        WireTypeKind.Enum => "enum " + Name,
        WireTypeKind.Array => "array of " + Element,
        WireTypeKind.Optional => "optional " + Element,
        _ => Name ?? "unknown type",
    };
}
