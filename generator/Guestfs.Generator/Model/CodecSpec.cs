using Guestfs.Idl.Common;

namespace Guestfs.Generator.Model;

/// <summary>A generated XDR structure: a sealed record with its encoder and decoder.</summary>
/// <param name="WireName">The struct name in the <c>.x</c>.</param>
/// <param name="Name">The C# type name.</param>
/// <param name="Namespace">The C# namespace.</param>
/// <param name="IsPublic">Public record (a <c>guestfs_int_*</c> structure) or internal protocol structure.</param>
/// <param name="Doc">Documentation of the type.</param>
/// <param name="Fields">The fields, in wire order.</param>
internal sealed record CodecSpec(string WireName, string Name, string Namespace, bool IsPublic, string Doc, EquatableArray<CodecFieldSpec> Fields)
{
    /// <summary>
    /// Whether this is the <c>_args</c> or <c>_ret</c> structure of an action: the record then formats itself for
    /// trace lines (<c>ITraceArguments</c> / <c>ITraceResult</c>).
    /// </summary>
    public TraceRole TraceRole { get; init; }

    /// <summary>The fully qualified C# name.</summary>
    public string FullName => "global::" + Namespace + "." + Name;
}
