using System;
using System.Collections.Generic;
using System.Linq;
using Guestfs.Idl.Common;
using Sprache;

namespace Guestfs.Idl.Xdr;

/// <summary>
/// Sprache grammar of the rpcgen language (RFC 4506 section 6 plus the rpcgen extensions: <c>program</c>
/// definitions, <c>%</c> lines, <c>char</c>/<c>short</c>/<c>long</c>, <c>unsigned</c> alone, omitted enum values).
/// Tokens skip the trivia <em>before</em> them (white space, C and C++ comments, <c>%</c> lines inside
/// definitions), so a failure is reported at the offending token, and <see cref="Located{T}"/> — a path-aware
/// form of Sprache's <c>Positioned()</c> — gives each syntax record the span of its first to last token.
/// One instance per file, because locations carry the path.
/// </summary>
internal sealed class XdrGrammar
{
    private static readonly HashSet<string> s_keywords = new(StringComparer.Ordinal)
    {
        "bool", "case", "char", "const", "default", "double", "enum", "float", "hyper", "int", "long", "opaque",
        "program", "quadruple", "short", "string", "struct", "switch", "typedef", "union", "unsigned", "version",
        "void",
    };

    private readonly string _path;

    public XdrGrammar(string path)
    {
        _path = path;

        Parser<XdrValueSyntax> value = Expect(
            Located(s_number.Or(s_string).Or(s_identifier).Select(text => (Func<IdlLocation, XdrValueSyntax>)(loc => new XdrValueSyntax(text, loc)))),
            "number or constant name");
        Parser<NameToken> name = Located(s_identifier.Select(text => (Func<IdlLocation, NameToken>)(loc => new NameToken(text, loc))));

        Parser<XdrTypeSyntax> typeSpecifier = Expect(Located(TypeCore()), "type");

        Parser<(XdrDeclaratorKind Kind, XdrValueSyntax? Size)> fixedSuffix =
            from open in Symbol("[")
            from size in value
            from close in Symbol("]")
            select (XdrDeclaratorKind.FixedArray, (XdrValueSyntax?)size);
        Parser<(XdrDeclaratorKind Kind, XdrValueSyntax? Size)> variableSuffix =
            from open in Symbol("<")
            from size in Optional(value.Select(v => (XdrValueSyntax?)v), null)
            from close in Symbol(">")
            select (XdrDeclaratorKind.VariableArray, size);

        Parser<Func<IdlLocation, XdrDeclarationSyntax>> namedDeclarator(XdrTypeSyntax type) =>
            from star in Optional(Symbol("*").Select(_ => true), false)
            from declared in name
            from shape in star
                ? Parse.Return<(XdrDeclaratorKind Kind, XdrValueSyntax? Size)>((XdrDeclaratorKind.Optional, null))
                : Optional(fixedSuffix.Or(variableSuffix), (XdrDeclaratorKind.Scalar, null))
            select (Func<IdlLocation, XdrDeclarationSyntax>)(loc =>
                new XdrDeclarationSyntax(type, shape.Kind, declared.Text, shape.Size, declared.Location, loc));

        Parser<XdrDeclarationSyntax> declaration = Located(
            from type in typeSpecifier
            from build in type.Kind == XdrTypeSyntaxKind.Void
                ? Parse.Return<Func<IdlLocation, XdrDeclarationSyntax>>(loc =>
                    new XdrDeclarationSyntax(type, XdrDeclaratorKind.Void, string.Empty, null, type.Location, loc))
                : namedDeclarator(type)
            select build);

        Parser<XdrDeclarationSyntax> field =
            from d in declaration
            from semicolon in Symbol(";")
            select d;

        Parser<XdrDefinitionSyntax> constDefinition = Located(
            from keyword in Keyword("const")
            from constName in name
            from assign in Symbol("=")
            from constValue in value
            from semicolon in Symbol(";")
            select (Func<IdlLocation, XdrDefinitionSyntax>)(loc => new XdrConstSyntax(constName.Text, constValue, constName.Location, loc)));

        Parser<XdrDefinitionSyntax> typedefDefinition = Located(
            from keyword in Keyword("typedef")
            from d in declaration
            from semicolon in Symbol(";")
            select (Func<IdlLocation, XdrDefinitionSyntax>)(loc => new XdrTypedefSyntax(d, loc)));

        Parser<XdrEnumMemberSyntax> enumMember = Located(
            from memberName in s_identifier
            from memberValue in Optional(
                from assign in Symbol("=")
                from v in value
                select (XdrValueSyntax?)v,
                null)
            select (Func<IdlLocation, XdrEnumMemberSyntax>)(loc => new XdrEnumMemberSyntax(memberName, memberValue, loc)));

        Parser<XdrDefinitionSyntax> enumDefinition = Located(
            from keyword in Keyword("enum")
            from enumName in name
            from open in Symbol("{")
            from first in enumMember
            from rest in Many(from comma in Symbol(",") from member in enumMember select member)
            from close in Symbol("}")
            from semicolon in Symbol(";")
            select (Func<IdlLocation, XdrDefinitionSyntax>)(loc => new XdrEnumSyntax(
                enumName.Text, new[] { first }.Concat(rest).ToEquatableArray(), enumName.Location, loc)));

        Parser<XdrDefinitionSyntax> structDefinition = Located(
            from keyword in Keyword("struct")
            from structName in name
            from open in Symbol("{")
            from first in field
            from rest in Many(field)
            from close in Symbol("}")
            from semicolon in Symbol(";")
            select (Func<IdlLocation, XdrDefinitionSyntax>)(loc => new XdrStructSyntax(
                structName.Text, new[] { first }.Concat(rest).ToEquatableArray(), structName.Location, loc)));

        Parser<XdrValueSyntax> caseLabel =
            from keyword in Keyword("case")
            from label in value
            from colon in Symbol(":")
            select label;
        Parser<XdrUnionArmSyntax> arm = Located(
            from first in caseLabel
            from rest in Many(caseLabel)
            from d in field
            select (Func<IdlLocation, XdrUnionArmSyntax>)(loc => new XdrUnionArmSyntax(
                new[] { first }.Concat(rest).ToEquatableArray(), d, loc)));
        Parser<XdrUnionArmSyntax> defaultArm = Located(
            from keyword in Keyword("default")
            from colon in Symbol(":")
            from d in field
            select (Func<IdlLocation, XdrUnionArmSyntax>)(loc => new XdrUnionArmSyntax(EquatableArray<XdrValueSyntax>.Empty, d, loc)));

        Parser<XdrDefinitionSyntax> unionDefinition = Located(
            from keyword in Keyword("union")
            from unionName in name
            from switchKeyword in Keyword("switch")
            from open in Symbol("(")
            from discriminant in declaration
            from close in Symbol(")")
            from openBody in Symbol("{")
            from first in arm
            from rest in Many(arm)
            from fallback in Optional(defaultArm.Select(a => (XdrUnionArmSyntax?)a), null)
            from closeBody in Symbol("}")
            from semicolon in Symbol(";")
            select (Func<IdlLocation, XdrDefinitionSyntax>)(loc => new XdrUnionSyntax(
                unionName.Text, discriminant, new[] { first }.Concat(rest).ToEquatableArray(), fallback, unionName.Location, loc)));

        Parser<XdrProcedureSyntax> procedure = Located(
            from result in typeSpecifier
            from procName in name
            from open in Symbol("(")
            from firstArgument in typeSpecifier
            from otherArguments in Many(from comma in Symbol(",") from a in typeSpecifier select a)
            from close in Symbol(")")
            from assign in Symbol("=")
            from number in value
            from semicolon in Symbol(";")
            select (Func<IdlLocation, XdrProcedureSyntax>)(loc => new XdrProcedureSyntax(
                procName.Text, result, new[] { firstArgument }.Concat(otherArguments).ToEquatableArray(), number, procName.Location, loc)));

        Parser<XdrVersionSyntax> version = Located(
            from keyword in Keyword("version")
            from versionName in name
            from open in Symbol("{")
            from first in procedure
            from rest in Many(procedure)
            from close in Symbol("}")
            from assign in Symbol("=")
            from number in value
            from semicolon in Symbol(";")
            select (Func<IdlLocation, XdrVersionSyntax>)(loc => new XdrVersionSyntax(
                versionName.Text, new[] { first }.Concat(rest).ToEquatableArray(), number, versionName.Location, loc)));

        Parser<XdrDefinitionSyntax> programDefinition = Located(
            from keyword in Keyword("program")
            from programName in name
            from open in Symbol("{")
            from first in version
            from rest in Many(version)
            from close in Symbol("}")
            from assign in Symbol("=")
            from number in value
            from semicolon in Symbol(";")
            select (Func<IdlLocation, XdrDefinitionSyntax>)(loc => new XdrProgramSyntax(
                programName.Text, new[] { first }.Concat(rest).ToEquatableArray(), number, programName.Location, loc)));

        Definition = Expect(
            PassThrough()
                .Or(constDefinition)
                .Or(typedefDefinition)
                .Or(enumDefinition)
                .Or(structDefinition)
                .Or(unionDefinition)
                .Or(programDefinition),
            "definition ('const', 'typedef', 'enum', 'struct', 'union' or 'program')");
    }

    /// <summary>One top-level definition, with the trivia before it.</summary>
    public Parser<XdrDefinitionSyntax> Definition { get; }

    /// <summary>Skips white space and comments, and <c>%</c> lines when <paramref name="passThroughLines"/> is set.</summary>
    /// <param name="input">Where to start.</param>
    /// <param name="passThroughLines">Whether <c>%</c> lines count as trivia (inside definitions) or not (between them).</param>
    /// <returns>The first input position that is not trivia.</returns>
    public static IInput SkipTrivia(IInput input, bool passThroughLines)
    {
        if (input is not XdrInput fast)
        {
            fast = new XdrInput(input.Source).MoveTo(input.Position);
        }

        int cached = fast.CachedSkip(passThroughLines);
        if (cached < 0)
        {
            cached = SkipTrivia(fast.Source, fast.Position, passThroughLines);
            fast.CacheSkip(passThroughLines, cached);
        }

        return fast.MoveTo(cached);
    }

    private static int SkipTrivia(string source, int position, bool passThroughLines)
    {
        while (position < source.Length)
        {
            char c = source[position];
            char next = position + 1 < source.Length ? source[position + 1] : '\0';
            if (char.IsWhiteSpace(c))
            {
                position++;
            }
            else if (c == '/' && next == '*')
            {
                int close = source.IndexOf("*/", position + 2, StringComparison.Ordinal);
                position = close < 0 ? source.Length : close + 2;
            }
            else if ((c == '/' && next == '/') || (c == '%' && passThroughLines && AtLineStart(source, position)))
            {
                position = LineEnd(source, position);
            }
            else
            {
                break;
            }
        }

        return position;
    }

    /// <summary>Describes the token at a position for an error message: <c>'name'</c>, <c>'}'</c> or <c>end of file</c>.</summary>
    /// <param name="input">The position.</param>
    /// <returns>The description.</returns>
    public static string Describe(IInput input)
    {
        if (input.AtEnd)
        {
            return "end of file";
        }

        string source = input.Source;
        int start = input.Position;
        int end = start + 1;
        if (IsWordStart(source[start]) || char.IsDigit(source[start]) || (source[start] == '-' && end < source.Length && char.IsDigit(source[end])))
        {
            while (end < source.Length && IsWordPart(source[end]))
            {
                end++;
            }
        }

        return "'" + source.Substring(start, end - start) + "'";
    }

    /// <summary>Whether a character can start a token of the language.</summary>
    /// <param name="c">The character.</param>
    /// <returns><see langword="true"/> for letters, digits, <c>_</c>, <c>-</c>, <c>%</c> and the punctuation of the grammar.</returns>
    public static bool IsTokenStart(char c) => IsWordPart(c) || "{}[]<>()=;:,*-%\"".IndexOf(c) >= 0;

    private static bool IsWordStart(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';

    private static bool IsWordPart(char c) => IsWordStart(c) || (c >= '0' && c <= '9');

    private static bool AtLineStart(string source, int position)
    {
        for (int i = position - 1; i >= 0; i--)
        {
            if (source[i] == '\n')
            {
                return true;
            }

            if (source[i] != ' ' && source[i] != '\t' && source[i] != '\r')
            {
                return false;
            }
        }

        return true;
    }

    private static int LineEnd(string source, int position)
    {
        int end = source.IndexOf('\n', position);
        return end < 0 ? source.Length : end;
    }

    private static IInput Advance(IInput input, int count) =>
        input is XdrInput fast ? fast.MoveTo(input.Position + count) : new XdrInput(input.Source).MoveTo(input.Position + count);

    // The message is fixed: XdrParser describes the offending token itself, and only for the failure it reports.
    private static IResult<T> Fail<T>(IInput at, string expected) =>
        Result.Failure<T>(at, "unexpected token", new[] { expected });

    private static string ReadWord(IInput at)
    {
        string source = at.Source;
        int start = at.Position;
        if (at.AtEnd || !IsWordStart(source[start]))
        {
            return string.Empty;
        }

        int end = start + 1;
        while (end < source.Length && IsWordPart(source[end]))
        {
            end++;
        }

        return source.Substring(start, end - start);
    }

    /// <summary>An identifier that is not a keyword.</summary>
    private static readonly Parser<string> s_identifier = input =>
    {
        IInput at = SkipTrivia(input, true);
        string word = ReadWord(at);
        return word.Length == 0 || s_keywords.Contains(word)
            ? Fail<string>(at, "identifier")
            : Result.Success(word, Advance(at, word.Length));
    };

    /// <summary>A number token: an optional minus, a digit, then letters, digits, <c>_</c> and dots (checked by the binder).</summary>
    private static readonly Parser<string> s_number = input =>
    {
        IInput at = SkipTrivia(input, true);
        string source = at.Source;
        int start = at.Position;
        int end = start;
        if (end < source.Length && source[end] == '-')
        {
            end++;
        }

        if (end >= source.Length || !char.IsDigit(source[end]))
        {
            return Fail<string>(at, "number");
        }

        while (end < source.Length && (IsWordPart(source[end]) || source[end] == '.'))
        {
            end++;
        }

        return Result.Success(source.Substring(start, end - start), Advance(at, end - start));
    };

    /// <summary>A C string literal (rpcgen accepts one as the value of a <c>const</c>); kept with its quotes.</summary>
    private static readonly Parser<string> s_string = input =>
    {
        IInput at = SkipTrivia(input, true);
        string source = at.Source;
        int start = at.Position;
        if (at.AtEnd || source[start] != '"')
        {
            return Fail<string>(at, "string");
        }

        int end = start + 1;
        while (end < source.Length && source[end] != '"' && source[end] != '\n')
        {
            end += source[end] == '\\' ? 2 : 1;
        }

        if (end >= source.Length || source[end] != '"')
        {
            return Fail<string>(at, "string");
        }

        return Result.Success(source.Substring(start, end + 1 - start), Advance(at, end + 1 - start));
    };

    private static Parser<string> Keyword(string keyword) => input =>
    {
        IInput at = SkipTrivia(input, true);
        string source = at.Source;
        int end = at.Position + keyword.Length;
        bool matches = string.CompareOrdinal(source, at.Position, keyword, 0, keyword.Length) == 0 &&
            (end >= source.Length || !IsWordPart(source[end]));
        return matches
            ? Result.Success(keyword, Advance(at, keyword.Length))
            : Fail<string>(at, "'" + keyword + "'");
    };

    private static Parser<string> Symbol(string symbol) => input =>
    {
        IInput at = SkipTrivia(input, true);
        return string.CompareOrdinal(at.Source, at.Position, symbol, 0, symbol.Length) == 0
            ? Result.Success(symbol, Advance(at, symbol.Length))
            : Fail<string>(at, "'" + symbol + "'");
    };

    /// <summary>Whether a failure got past the first token of the attempt (then the construct was present but wrong).</summary>
    private static bool Consumed<T>(IInput input, IResult<T> result) =>
        result.Remainder.Position > SkipTrivia(input, true).Position;

    /// <summary>Like <c>Optional()</c>, but a partial match is an error rather than an absence.</summary>
    private static Parser<T> Optional<T>(Parser<T> parser, T none) => input =>
    {
        IResult<T> result = parser(input);
        return result.WasSuccessful || Consumed(input, result) ? result : Result.Success(none, input);
    };

    /// <summary>Like <c>XMany()</c>, with "consumed" measured from the first token rather than from the trivia.</summary>
    private static Parser<List<T>> Many<T>(Parser<T> parser) => input =>
    {
        var items = new List<T>();
        IInput rest = input;
        while (true)
        {
            IResult<T> result = parser(rest);
            if (!result.WasSuccessful)
            {
                return Consumed(rest, result)
                    ? Result.Failure<List<T>>(result.Remainder, result.Message, result.Expectations)
                    : Result.Success(items, rest);
            }

            items.Add(result.Value);
            rest = result.Remainder;
        }
    };

    /// <summary>Replaces the expectations of a failure at the very first token with one description.</summary>
    private static Parser<T> Expect<T>(Parser<T> parser, string expected) => input =>
    {
        IResult<T> result = parser(input);
        return result.WasSuccessful || Consumed(input, result)
            ? result
            : Result.Failure<T>(result.Remainder, result.Message, new[] { expected });
    };

    /// <summary>Runs <paramref name="body"/> after the trivia and hands it the span from its first to its last token.</summary>
    private Parser<T> Located<T>(Parser<Func<IdlLocation, T>> body) => input =>
    {
        IInput start = SkipTrivia(input, true);
        IResult<Func<IdlLocation, T>> result = body(start);
        if (!result.WasSuccessful)
        {
            return Result.Failure<T>(result.Remainder, result.Message, result.Expectations);
        }

        var location = new IdlLocation(_path, start.Position, result.Remainder.Position - start.Position, start.Line, start.Column);
        return Result.Success(result.Value(location), result.Remainder);
    };

    private Parser<XdrDefinitionSyntax> PassThrough() => input =>
    {
        IInput at = SkipTrivia(input, false);
        if (at.AtEnd || at.Current != '%' || !AtLineStart(at.Source, at.Position))
        {
            return Result.Failure<XdrDefinitionSyntax>(at, "unexpected token", Array.Empty<string>());
        }

        int end = LineEnd(at.Source, at.Position);
        string text = at.Source.Substring(at.Position + 1, end - at.Position - 1).TrimEnd('\r');
        var location = new IdlLocation(_path, at.Position, text.Length + 1, at.Line, at.Column);
        return Result.Success<XdrDefinitionSyntax>(new XdrPassThroughSyntax(text, location), Advance(at, end - at.Position));
    };

    private static Parser<Func<IdlLocation, XdrTypeSyntax>> TypeCore()
    {
        static Parser<Func<IdlLocation, XdrTypeSyntax>> Simple(string keyword, XdrTypeSyntaxKind kind) =>
            Keyword(keyword).Select(_ => (Func<IdlLocation, XdrTypeSyntax>)(loc => new XdrTypeSyntax(kind, null, keyword, loc)));

        // short, short int, long, long int (and the same after unsigned)
        static Parser<string> WithOptionalInt(string keyword) =>
            from word in Keyword(keyword)
            from suffix in Optional(Keyword("int"), string.Empty)
            select suffix.Length == 0 ? word : word + " int";

        Parser<Func<IdlLocation, XdrTypeSyntax>> unsigned =
            from keyword in Keyword("unsigned")
            from rest in Optional(
                Keyword("int").Or(Keyword("hyper")).Or(Keyword("char")).Or(WithOptionalInt("short")).Or(WithOptionalInt("long")),
                string.Empty)
            select (Func<IdlLocation, XdrTypeSyntax>)(loc =>
            {
                XdrTypeSyntaxKind kind = rest switch
                {
                    "hyper" => XdrTypeSyntaxKind.UnsignedHyper,
                    "char" => XdrTypeSyntaxKind.UnsignedChar,
                    "short" or "short int" => XdrTypeSyntaxKind.UnsignedShort,
                    "long" or "long int" => XdrTypeSyntaxKind.UnsignedLong,
                    _ => XdrTypeSyntaxKind.UnsignedInt,
                };
                return new XdrTypeSyntax(kind, null, rest.Length == 0 ? "unsigned" : "unsigned " + rest, loc);
            });

        Parser<Func<IdlLocation, XdrTypeSyntax>> shortOrLong =
            WithOptionalInt("short").Or(WithOptionalInt("long")).Select(spelling => (Func<IdlLocation, XdrTypeSyntax>)(loc =>
                new XdrTypeSyntax(spelling.StartsWith("short", StringComparison.Ordinal) ? XdrTypeSyntaxKind.Short : XdrTypeSyntaxKind.Long, null, spelling, loc)));

        static Parser<Func<IdlLocation, XdrTypeSyntax>> Tagged(string keyword, XdrTypeSyntaxKind kind) =>
            from word in Keyword(keyword)
            from tag in s_identifier
            select (Func<IdlLocation, XdrTypeSyntax>)(loc => new XdrTypeSyntax(kind, tag, keyword + " " + tag, loc));

        Parser<Func<IdlLocation, XdrTypeSyntax>> named =
            s_identifier.Select(n => (Func<IdlLocation, XdrTypeSyntax>)(loc => new XdrTypeSyntax(XdrTypeSyntaxKind.Named, n, n, loc)));

        return unsigned
            .Or(Simple("int", XdrTypeSyntaxKind.Int))
            .Or(Simple("hyper", XdrTypeSyntaxKind.Hyper))
            .Or(Simple("char", XdrTypeSyntaxKind.Char))
            .Or(shortOrLong)
            .Or(Simple("float", XdrTypeSyntaxKind.Float))
            .Or(Simple("double", XdrTypeSyntaxKind.Double))
            .Or(Simple("quadruple", XdrTypeSyntaxKind.Quadruple))
            .Or(Simple("bool", XdrTypeSyntaxKind.Bool))
            .Or(Simple("string", XdrTypeSyntaxKind.String))
            .Or(Simple("opaque", XdrTypeSyntaxKind.Opaque))
            .Or(Simple("void", XdrTypeSyntaxKind.Void))
            .Or(Tagged("struct", XdrTypeSyntaxKind.Struct))
            .Or(Tagged("enum", XdrTypeSyntaxKind.Enum))
            .Or(Tagged("union", XdrTypeSyntaxKind.Union))
            .Or(named);
    }

    private sealed record NameToken(string Text, IdlLocation Location);
}
