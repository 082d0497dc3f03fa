using System;
using System.Collections.Generic;
using System.Text;

namespace Guestfs.Generator.Helpers;

/// <summary>
/// The mechanical libguestfs → C# naming rules of <c>docs/architecture.md</c>: strip the <c>guestfs_int_</c>,
/// <c>guestfs_</c>, <c>GUESTFS_PROC_</c> or <c>GUESTFS_</c> prefix, then PascalCase the rest, splitting on
/// <c>_</c> and keeping digits (<c>mke2fs_J</c> → <c>Mke2fsJ</c>, <c>GUESTFS_MESSAGE_MAX</c> → <c>MessageMax</c>).
/// </summary>
internal static class Naming
{
    private static readonly HashSet<string> s_keywords = new(StringComparer.Ordinal)
    {
        "abstract", "as", "base", "bool", "break", "byte", "case", "catch", "char", "checked", "class", "const",
        "continue", "decimal", "default", "delegate", "do", "double", "else", "enum", "event", "explicit", "extern",
        "false", "finally", "fixed", "float", "for", "foreach", "goto", "if", "implicit", "in", "int", "interface",
        "internal", "is", "lock", "long", "namespace", "new", "null", "object", "operator", "out", "override",
        "params", "private", "protected", "public", "readonly", "ref", "return", "sbyte", "sealed", "short",
        "sizeof", "stackalloc", "static", "string", "struct", "switch", "this", "throw", "true", "try", "typeof",
        "uint", "ulong", "unchecked", "unsafe", "ushort", "using", "virtual", "void", "volatile", "while",
    };

    private static readonly string[] s_prefixes = { "guestfs_int_", "guestfs_", "GUESTFS_PROC_", "GUESTFS_" };

    /// <summary>Strips the libguestfs prefix of a name, if any.</summary>
    /// <param name="name">A libguestfs name.</param>
    /// <returns>The name without its prefix.</returns>
    public static string StripPrefix(string name)
    {
        foreach (string prefix in s_prefixes)
        {
            if (name.StartsWith(prefix, StringComparison.Ordinal) && name.Length > prefix.Length)
            {
                return name.Substring(prefix.Length);
            }
        }

        return name;
    }

    /// <summary>Strips the prefix and PascalCases: each <c>_</c>-separated word gets an upper-case first
    /// letter; a word written all in upper case (a C constant) is lower-cased after its first letter.</summary>
    /// <param name="name">A libguestfs name.</param>
    /// <returns>The C# type or member name.</returns>
    public static string ToPascalCase(string name) => PascalCaseWords(StripPrefix(name));

    /// <summary>PascalCases without stripping any prefix (words split on <c>_</c> and <c>-</c>).</summary>
    /// <param name="name">A snake_case name.</param>
    /// <returns>The PascalCase name.</returns>
    public static string PascalCaseWords(string name)
    {
        var sb = new StringBuilder(name.Length);
        foreach (string word in name.Split(new[] { '_', '-' }, StringSplitOptions.RemoveEmptyEntries))
        {
            bool allUpper = IsAllUpper(word) && word.Length > 1;
            sb.Append(char.ToUpperInvariant(word[0]));
            sb.Append(allUpper ? word.Substring(1).ToLowerInvariant() : word.Substring(1));
        }

        return sb.ToString();
    }

    /// <summary>camelCases a name for a parameter or local, escaping C# keywords with <c>@</c>.</summary>
    /// <param name="name">A snake_case name.</param>
    /// <returns>A valid C# identifier.</returns>
    public static string ToParameterName(string name)
    {
        string pascal = PascalCaseWords(name);
        if (pascal.Length == 0)
        {
            return "_";
        }

        string camel = char.ToLowerInvariant(pascal[0]) + pascal.Substring(1);
        return EscapeKeyword(camel);
    }

    /// <summary>Prefixes a C# keyword with <c>@</c>.</summary>
    /// <param name="identifier">An identifier.</param>
    /// <returns>The identifier, escaped when needed.</returns>
    public static string EscapeKeyword(string identifier) => s_keywords.Contains(identifier) ? "@" + identifier : identifier;

    /// <summary>Whether <paramref name="identifier"/> is a valid C# identifier (after keyword escaping).</summary>
    /// <param name="identifier">The candidate.</param>
    /// <returns><see langword="true"/> when it can be used as-is.</returns>
    public static bool IsValidIdentifier(string identifier)
    {
        string id = identifier.StartsWith("@", StringComparison.Ordinal) ? identifier.Substring(1) : identifier;
        if (id.Length == 0 || !(char.IsLetter(id[0]) || id[0] == '_'))
        {
            return false;
        }

        foreach (char c in id)
        {
            if (!(char.IsLetterOrDigit(c) || c == '_'))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsAllUpper(string word)
    {
        bool anyLetter = false;
        foreach (char c in word)
        {
            if (char.IsLetter(c))
            {
                anyLetter = true;
                if (!char.IsUpper(c))
                {
                    return false;
                }
            }
        }

        return anyLetter;
    }
}
