using System;
using System.Collections.Generic;
using System.Linq;

namespace Guestfs.Idl.Actions;

/// <summary>
/// The words of the actions table: argument, optional-argument, return and field kinds, clause keywords and flags,
/// with the mapping to the model enums and back (for messages and for writing the table).
/// </summary>
public static class ActionsVocabulary
{
    private static readonly Dictionary<string, ArgumentKind> s_argumentKinds = new(StringComparer.Ordinal)
    {
        ["String"] = ArgumentKind.String,
        ["OptString"] = ArgumentKind.OptString,
        ["StringList"] = ArgumentKind.StringList,
        ["DeviceList"] = ArgumentKind.DeviceList,
        ["FilenameList"] = ArgumentKind.FilenameList,
        ["Device"] = ArgumentKind.Device,
        ["Mountable"] = ArgumentKind.Mountable,
        ["Pathname"] = ArgumentKind.Pathname,
        ["Dev_or_Path"] = ArgumentKind.DevOrPath,
        ["Mountable_or_Path"] = ArgumentKind.MountableOrPath,
        ["FileIn"] = ArgumentKind.FileIn,
        ["FileOut"] = ArgumentKind.FileOut,
        ["Key"] = ArgumentKind.Key,
        ["GUID"] = ArgumentKind.Guid,
        ["Filename"] = ArgumentKind.Filename,
        ["Bool"] = ArgumentKind.Bool,
        ["Int"] = ArgumentKind.Int,
        ["Int64"] = ArgumentKind.Int64,
        ["BufferIn"] = ArgumentKind.BufferIn,
        ["Pointer"] = ArgumentKind.Pointer,
    };

    private static readonly Dictionary<string, OptionalArgumentKind> s_optionalArgumentKinds = new(StringComparer.Ordinal)
    {
        ["OBool"] = OptionalArgumentKind.OBool,
        ["OInt"] = OptionalArgumentKind.OInt,
        ["OInt64"] = OptionalArgumentKind.OInt64,
        ["OString"] = OptionalArgumentKind.OString,
        ["OStringList"] = OptionalArgumentKind.OStringList,
    };

    private static readonly Dictionary<string, ReturnKind> s_returnKinds = new(StringComparer.Ordinal)
    {
        ["err"] = ReturnKind.Err,
        ["int"] = ReturnKind.Int,
        ["int64"] = ReturnKind.Int64,
        ["bool"] = ReturnKind.Bool,
        ["const string"] = ReturnKind.ConstString,
        ["const opt string"] = ReturnKind.ConstOptString,
        ["string"] = ReturnKind.String,
        ["string list"] = ReturnKind.StringList,
        ["struct"] = ReturnKind.Struct,
        ["struct list"] = ReturnKind.StructList,
        ["hashtable"] = ReturnKind.Hashtable,
        ["buffer"] = ReturnKind.Buffer,
    };

    private static readonly Dictionary<string, ActionVisibility> s_visibilities = new(StringComparer.Ordinal)
    {
        ["public"] = ActionVisibility.Public,
        ["public-no-fish"] = ActionVisibility.PublicNoFish,
        ["internal"] = ActionVisibility.Internal,
        ["debug"] = ActionVisibility.Debug,
        ["test"] = ActionVisibility.Test,
    };

    private static readonly Dictionary<string, FishOutputFormat> s_fishOutputs = new(StringComparer.Ordinal)
    {
        ["hex"] = FishOutputFormat.Hexadecimal,
        ["octal"] = FishOutputFormat.Octal,
    };

    private static readonly Dictionary<string, StructFieldKind> s_structFieldKinds =
        Enum.GetValues(typeof(StructFieldKind)).Cast<StructFieldKind>().ToDictionary(k => k.ToString(), k => k, StringComparer.Ordinal);

    /// <summary>The clause keywords an action block may hold.</summary>
    public static IReadOnlyList<string> Clauses { get; } = new[]
    {
        "proc", "optargs", "added", "flags", "deprecated-by", "optional-group", "fish-alias", "fish-output",
        "visibility", "csharp-name", "unsupported", "summary", "description",
    };

    /// <summary>The words a <c>flags</c> clause may hold.</summary>
    public static IReadOnlyList<string> Flags { get; } = new[]
    {
        "runtime", "progress", "cancellable", "config-only", "non-blocking", "once-had-no-optargs", "protocol-limit", "deprecated",
    };

    /// <summary>The argument kinds, for messages.</summary>
    public static string ArgumentKindList { get; } = string.Join(", ", s_argumentKinds.Keys);

    /// <summary>The optional-argument kinds, for messages.</summary>
    public static string OptionalArgumentKindList { get; } = string.Join(", ", s_optionalArgumentKinds.Keys);

    /// <summary>The return kinds, for messages.</summary>
    public static string ReturnKindList { get; } = "err, int, int64, bool, const string, const opt string, string, string list, struct T, struct list T, hashtable, buffer";

    /// <summary>The struct field kinds, for messages.</summary>
    public static string StructFieldKindList { get; } = string.Join(", ", Enum.GetNames(typeof(StructFieldKind)));

    /// <summary>The clause keywords, for messages.</summary>
    public static string ClauseList { get; } = string.Join(", ", Clauses);

    /// <summary>The flags, for messages.</summary>
    public static string FlagList { get; } = string.Join(", ", Flags);

    /// <summary>The visibilities, for messages.</summary>
    public static string VisibilityList { get; } = string.Join(", ", s_visibilities.Keys);

    /// <summary>Looks up an argument kind by its table spelling (<c>Dev_or_Path</c>).</summary>
    /// <param name="text">The word.</param>
    /// <param name="kind">The kind.</param>
    /// <returns>Whether the word is a kind.</returns>
    public static bool TryGetArgumentKind(string text, out ArgumentKind kind) => s_argumentKinds.TryGetValue(text, out kind);

    /// <summary>Looks up an optional-argument kind (<c>OInt64</c>).</summary>
    /// <param name="text">The word.</param>
    /// <param name="kind">The kind.</param>
    /// <returns>Whether the word is a kind.</returns>
    public static bool TryGetOptionalArgumentKind(string text, out OptionalArgumentKind kind) => s_optionalArgumentKinds.TryGetValue(text, out kind);

    /// <summary>Looks up a return kind from its words without the struct name (<c>struct list</c>, <c>const opt string</c>).</summary>
    /// <param name="text">The words joined by single spaces.</param>
    /// <param name="kind">The kind.</param>
    /// <returns>Whether the words are a kind.</returns>
    public static bool TryGetReturnKind(string text, out ReturnKind kind) => s_returnKinds.TryGetValue(text, out kind);

    /// <summary>Looks up a visibility (<c>public-no-fish</c>).</summary>
    /// <param name="text">The word.</param>
    /// <param name="visibility">The visibility.</param>
    /// <returns>Whether the word is a visibility.</returns>
    public static bool TryGetVisibility(string text, out ActionVisibility visibility) => s_visibilities.TryGetValue(text, out visibility);

    /// <summary>Looks up a fish output format (<c>hex</c>, <c>octal</c>).</summary>
    /// <param name="text">The word.</param>
    /// <param name="format">The format.</param>
    /// <returns>Whether the word is a format.</returns>
    public static bool TryGetFishOutput(string text, out FishOutputFormat format) => s_fishOutputs.TryGetValue(text, out format);

    /// <summary>Looks up a struct field kind (<c>FOptPercent</c>).</summary>
    /// <param name="text">The word.</param>
    /// <param name="kind">The kind.</param>
    /// <returns>Whether the word is a kind.</returns>
    public static bool TryGetStructFieldKind(string text, out StructFieldKind kind) => s_structFieldKinds.TryGetValue(text, out kind);

    /// <summary>The table spelling of an argument kind.</summary>
    /// <param name="kind">The kind.</param>
    /// <returns>E.g. <c>Dev_or_Path</c>.</returns>
    public static string ToText(ArgumentKind kind) => s_argumentKinds.First(p => p.Value == kind).Key;

    /// <summary>The table spelling of a return kind, without the struct name.</summary>
    /// <param name="kind">The kind.</param>
    /// <returns>E.g. <c>struct list</c>.</returns>
    public static string ToText(ReturnKind kind) => s_returnKinds.First(p => p.Value == kind).Key;

    /// <summary>The table spelling of a visibility.</summary>
    /// <param name="visibility">The visibility.</param>
    /// <returns>E.g. <c>public-no-fish</c>.</returns>
    public static string ToText(ActionVisibility visibility) => s_visibilities.First(p => p.Value == visibility).Key;
}
