using System;
using System.Collections.Generic;
using System.Linq;
using Guestfs.Idl.Common;
using Sprache;
using SpracheParse = Sprache.Parse;

namespace Guestfs.Idl.Actions;

/// <summary>
/// The Sprache grammar of an <c>.actions</c> file (described in <c>idl/README.md</c>). Every token records its
/// location and then skips the trivia after it (whitespace and <c>#</c> comments), so an alternative that does not
/// match fails without consuming input and errors point at the offending token. Words inside a clause only skip
/// spaces and tabs: a clause ends at the end of its line.
/// </summary>
internal sealed class ActionsGrammar
{
    private static readonly Parser<string> s_restOfLine = Scan(c => c != '\n' && c != '\r', SpracheParse.CharExcept("\r\n").Many().Text());

    private static readonly Parser<string> s_comment =
        from hash in SpracheParse.Char('#')
        from text in s_restOfLine
        select text;

    private static readonly Parser<string> s_whiteSpace = Scan(char.IsWhiteSpace, SpracheParse.WhiteSpace.Many().Text());

    private static readonly Parser<IEnumerable<string>> s_trivia =
        s_whiteSpace.Where(w => w.Length > 0).Or(s_comment).Many();

    private static readonly Parser<IEnumerable<char>> s_inlineSpace = SpracheParse.Chars(' ', '\t').Many();

    private static readonly Parser<string> s_identifier =
        SpracheParse.Letter.Or(SpracheParse.Char('_')).Once().Concat(SpracheParse.LetterOrDigit.Or(SpracheParse.Char('_')).Many()).Text().Named("a name");

    private static readonly Parser<string> s_keyword =
        SpracheParse.Letter.Once().Concat(SpracheParse.LetterOrDigit.Or(SpracheParse.Chars('_', '-')).Many()).Text().Named("a keyword");

    private static readonly Parser<string> s_integer =
        (from minus in SpracheParse.Char('-').Optional()
         from digits in SpracheParse.Digit.AtLeastOnce().Text()
         select (minus.IsDefined ? "-" : string.Empty) + digits).Named("an integer");

    private static readonly Parser<string> s_word =
        SpracheParse.LetterOrDigit.Or(SpracheParse.Chars('_', '-', '.')).AtLeastOnce().Text().Named("a word");


    private static readonly Parser<string> s_descriptionLine =
        from cr in SpracheParse.Char('\r').Optional()
        from lf in SpracheParse.Char('\n')
        from indent in s_inlineSpace
        from bar in SpracheParse.Char('|')
        from space in SpracheParse.Char(' ').Optional()
        from text in s_restOfLine
        select text.TrimEnd();

    private readonly string _path;
    private readonly Parser<object> _item;

    /// <summary>Builds the grammar for one file; locations carry <paramref name="path"/>.</summary>
    /// <param name="path">The file path to put in locations.</param>
    public ActionsGrammar(string path)
    {
        _path = path;

        Parser<ArgumentRangeSyntax> range =
            (from op in Token(SpracheParse.String(">=").Text().Named("'>='"))
             from bound in Token(s_integer)
             select new ArgumentRangeSyntax(bound, null, Span(op.Location, bound.Location)))
            .XOr(
             from op in Token(SpracheParse.String("<=").Text().Named("'<='"))
             from bound in Token(s_integer)
             select new ArgumentRangeSyntax(null, bound, Span(op.Location, bound.Location)))
            .XOr(
             from low in Token(s_integer)
             from dots in Token(SpracheParse.String("..").Text().Named("'..'"))
             from high in Token(s_integer)
             select new ArgumentRangeSyntax(low, high, Span(low.Location, high.Location)));

        Parser<ArgumentSyntax> argument =
            from name in Token(s_identifier)
            from colon in Token(SpracheParse.Char(':').Named("':'"))
            from kind in Token(s_identifier.Named("a kind"))
            from parameter in (
                from open in Token(SpracheParse.Char('(').Named("'('"))
                from text in Token(SpracheParse.CharExcept(")\r\n").AtLeastOnce().Text().Select(t => t.Trim()).Named("a C type"))
                from close in Token(SpracheParse.Char(')').Named("')'"))
                select text).Optional()
            from constraint in range.XOptional()
            select new ArgumentSyntax(name, kind, parameter.GetOrDefault(), Span(name.Location, (parameter.GetOrDefault() ?? kind).Location), constraint.GetOrDefault());

        Parser<EquatableArray<ArgumentSyntax>> argumentList =
            from open in Token(SpracheParse.Char('(').Named("'('"))
            from items in argument.XDelimitedBy(Token(SpracheParse.Char(',').Named("','"))).XOptional()
            from close in Token(SpracheParse.Char(')').Named("')' or ','"))
            select (items.GetOrDefault() ?? Enumerable.Empty<ArgumentSyntax>()).ToEquatableArray();

        Parser<string> summaryText =
            from text in s_restOfLine
            select text.Trim();

        Parser<string> descriptionText =
            from first in s_restOfLine
            from lines in s_descriptionLine.Many()
            select string.Join("\n", new[] { first.Trim() }.Where(f => f.Length > 0).Concat(lines));

        Parser<ClauseSyntax> clause =
            from keyword in Inline(s_keyword)
            from body in
                (from colon in Inline(SpracheParse.Char(':'))
                 from text in keyword.Text == "description" ? descriptionText : summaryText
                 select new ClauseSyntax(keyword, EquatableArray<NameSyntax>.Empty, null, text, keyword.Location))
                .XOr(
                 from open in Inline(SpracheParse.Char('('))
                 from trivia in s_trivia
                 from items in argument.XDelimitedBy(Token(SpracheParse.Char(',').Named("','"))).XOptional()
                 from close in Inline(SpracheParse.Char(')').Named("')' or ','"))
                 select new ClauseSyntax(keyword, EquatableArray<NameSyntax>.Empty, (items.GetOrDefault() ?? Enumerable.Empty<ArgumentSyntax>()).ToEquatableArray(), null, keyword.Location))
                .XOr(
                 from words in Inline(s_word).DelimitedBy(Inline(SpracheParse.Char(',').Named("','"))).Optional()
                 select new ClauseSyntax(keyword, (words.GetOrDefault() ?? Enumerable.Empty<NameSyntax>()).ToEquatableArray(), null, null, keyword.Location))
            from trivia in s_trivia
            select body;

        Parser<object> action =
            from keyword in Token(Keyword("action"))
            from name in Token(s_identifier.Named("an action name"))
            from arguments in argumentList
            from arrow in Token(SpracheParse.String("->").Text().Named("'->'"))
            from returns in Token(s_identifier.Named("a return kind")).AtLeastOnce()
            from open in Token(SpracheParse.Char('{').Named("'{'"))
            from clauses in clause.XMany()
            from close in Token(SpracheParse.Char('}').Named("a clause or '}'"))
            select (object)new ActionSyntax(
                name, arguments, returns.ToEquatableArray(), Span(returns.First().Location, returns.Last().Location), clauses.ToEquatableArray(), name.Location);

        Parser<StructFieldSyntax> field =
            from name in Token(s_identifier.Named("a field name"))
            from colon in Token(SpracheParse.Char(':').Named("':'"))
            from kind in Token(s_identifier.Named("a field kind"))
            select new StructFieldSyntax(name, kind, Span(name.Location, kind.Location));

        Parser<object> structure =
            from keyword in Token(Keyword("struct"))
            from name in Token(s_identifier.Named("a struct name"))
            from alias in (
                from keyword in Token(Keyword("as"))
                from alias in Token(s_identifier.Named("a C# name"))
                select alias).Optional()
            from open in Token(SpracheParse.Char('{').Named("'{'"))
            from fields in field.XMany()
            from close in Token(SpracheParse.Char('}').Named("a field or '}'"))
            select (object)new StructSyntax(name, alias.GetOrDefault(), fields.ToEquatableArray(), name.Location);

        Parser<object> group =
            from keyword in Token(Keyword("group"))
            from name in Token(s_keyword.Named("a group name"))
            select (object)name;

        Parser<object> unused =
            from keyword in Token(Keyword("unused-procedure"))
            from name in Token(s_identifier.Named("a procedure name"))
            from number in Token(SpracheParse.Digit.AtLeastOnce().Text().Named("a procedure number"))
            select (object)new UnusedProcedureSyntax(name, number, Span(keyword.Location, number.Location));

        Parser<object> item = group.XOr(action).XOr(structure).XOr(unused)
            .Named("'group', 'action', 'struct' or 'unused-procedure'");

        _item = item;
    }

    /// <summary>The words that start a top-level item at the beginning of a line; parsing resumes at one after an error.</summary>
    public static IReadOnlyList<string> TopLevelKeywords { get; } = new[] { "group ", "action ", "struct ", "unused-procedure " };

    /// <summary>Parses one top-level item (group line, action, struct or unused procedure) and the trivia after it.</summary>
    /// <param name="input">Where the item starts (after trivia).</param>
    /// <returns>A <see cref="NameSyntax"/> (group), <see cref="ActionSyntax"/>, <see cref="StructSyntax"/> or <see cref="UnusedProcedureSyntax"/>.</returns>
    public IResult<object> ParseItem(IInput input) => _item(input);

    /// <summary>Skips whitespace and comments.</summary>
    /// <param name="input">The input.</param>
    /// <returns>The input after them.</returns>
    public static IInput SkipTrivia(IInput input) => s_trivia(input).Remainder;

    /// <summary>Groups parsed items into a file.</summary>
    /// <param name="items">The items in order.</param>
    /// <returns>The file syntax.</returns>
    public ActionsFileSyntax Build(List<object> items) => new(
        _path,
        items.OfType<NameSyntax>().ToEquatableArray(),
        items.OfType<ActionSyntax>().ToEquatableArray(),
        items.OfType<StructSyntax>().ToEquatableArray(),
        items.OfType<UnusedProcedureSyntax>().ToEquatableArray());

    /// <summary>The location of a failure.</summary>
    /// <param name="input">Where the parser stopped.</param>
    /// <returns>A one-character location there.</returns>
    public IdlLocation LocationOf(IInput input) => new(_path, input.Position, input.AtEnd ? 0 : 1, input.Line, input.Column);

    /// <summary>
    /// Consumes the longest run of characters matching <paramref name="predicate"/> (possibly none). On an
    /// <see cref="ActionsInput"/> it scans the string directly; on any other input it uses <paramref name="fallback"/>.
    /// </summary>
    private static Parser<string> Scan(Func<char, bool> predicate, Parser<string> fallback) => input =>
    {
        if (input is not ActionsInput fast)
        {
            return fallback(input);
        }

        string source = fast.Source;
        int end = fast.Position;
        while (end < source.Length && predicate(source[end]))
        {
            end++;
        }

        return Result.Success(source.Substring(fast.Position, end - fast.Position), fast.Skip(end - fast.Position));
    };

    private static Parser<string> Keyword(string keyword) =>
        s_keyword.Where(k => k == keyword).Named("'" + keyword + "'");

    private IdlLocation Span(IdlLocation first, IdlLocation last) =>
        new(_path, first.Start, last.Start + last.Length - first.Start, first.Line, first.Column);

    /// <summary>A located token followed by any trivia.</summary>
    private Parser<NameSyntax> Token<T>(Parser<T> parser) =>
        from value in Located(parser)
        from trivia in s_trivia
        select value;

    /// <summary>A located token followed by spaces and tabs only.</summary>
    private Parser<NameSyntax> Inline<T>(Parser<T> parser) =>
        from value in Located(parser)
        from space in s_inlineSpace
        select value;

    private Parser<NameSyntax> Located<T>(Parser<T> parser) => input =>
    {
        IResult<T> result = parser(input);
        if (!result.WasSuccessful)
        {
            return Result.Failure<NameSyntax>(result.Remainder, result.Message, result.Expectations);
        }

        string text = result.Value as string ?? (result.Value is char c ? c.ToString() : Convert.ToString(result.Value) ?? string.Empty);
        var location = new IdlLocation(_path, input.Position, result.Remainder.Position - input.Position, input.Line, input.Column);
        return Result.Success(new NameSyntax(text, location), result.Remainder);
    };
}
