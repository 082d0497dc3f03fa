using Guestfs.Idl.Common;

namespace Guestfs.Generator.Model;

/// <summary>An options record: the part of an action that <c>Options.g.cs</c> depends on (not its description,
/// so that editing the text of an action does not re-emit the options).</summary>
/// <param name="ActionName">The libguestfs name.</param>
/// <param name="Stem">The C# stem.</param>
/// <param name="Options">The optional arguments.</param>
internal sealed record OptionsRecordSpec(string ActionName, string Stem, EquatableArray<OptionSpec> Options)
{
    /// <summary>The record's name.</summary>
    public string TypeName => Stem + "Options";
}
