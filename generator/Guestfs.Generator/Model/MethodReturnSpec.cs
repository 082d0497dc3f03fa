namespace Guestfs.Generator.Model;

/// <summary>What an action returns.</summary>
/// <param name="Kind">Its kind.</param>
/// <param name="CsType">The C# result type (the <c>T</c> of <c>Task&lt;T&gt;</c>); empty for <see cref="MethodReturnKind.None"/>.</param>
/// <param name="RetProperty">For daemon actions, the property of the <c>_ret</c> structure holding the result; empty otherwise.</param>
/// <param name="RetPropertyIsInt">Whether that property is an <c>int</c> that must be turned into a <c>bool</c>.</param>
internal sealed record MethodReturnSpec(MethodReturnKind Kind, string CsType, string RetProperty, bool RetPropertyIsInt)
{
    /// <summary>Nothing returned.</summary>
    public static MethodReturnSpec None { get; } = new(MethodReturnKind.None, string.Empty, string.Empty, false);
}
