using System.Collections.Generic;
using System.Linq;
using Guestfs.Idl.Actions;

namespace Guestfs.Actions.Tests;

/// <summary>Range constraints on integer arguments (<c>size: Int64 &gt;= 0</c>): parsing, binding, diagnostics, printing.</summary>
public class ArgumentRangeTests
{
    [Fact]
    public void Bind_RangesOnArgumentsAndOptionalArguments_AreInTheModel()
    {
        ActionsSpec spec = Snippets.Bind("""
            group demo
            action a(count: Int >= 0, c: Int 0..255, low: Int64 <= -1, neg: Int64 -10..-2, plain: Int) -> err {
              proc 1
              optargs (blocksize: OInt >= 1,
                       size: OInt64 0..4096, other: OInt64)
              summary: S
              description:
                | D
            }
            """);

        ActionSpec a = spec.Actions.Single();
        Assert.Equal(
            [new ArgumentRangeSpec(0, null), new ArgumentRangeSpec(0, 255), new ArgumentRangeSpec(null, -1), new ArgumentRangeSpec(-10, -2), null],
            a.Arguments.Select(x => x.Range));
        Assert.Equal([new ArgumentRangeSpec(1, null), new ArgumentRangeSpec(0, 4096), null], a.OptionalArguments.Select(o => o.Range));
        Assert.Equal(["count: Int >= 0", "c: Int 0..255", "low: Int64 <= -1", "neg: Int64 -10..-2"],
            a.Arguments.Take(4).Select(x => x.Name + ": " + ActionsVocabulary.ToText(x.Kind) + " " + x.Range));
    }

    [Theory]
    [InlineData(0L, null, -1L, false)]
    [InlineData(0L, null, 0L, true)]
    [InlineData(null, 5L, 6L, false)]
    [InlineData(null, 5L, long.MinValue, true)]
    [InlineData(1L, 3L, 3L, true)]
    [InlineData(1L, 3L, 4L, false)]
    public void Contains_ChecksBothBounds(long? min, long? max, long value, bool expected) =>
        Assert.Equal(expected, new ArgumentRangeSpec(min, max).Contains(value));

    [Fact]
    public void Print_RangedArguments_ReparsesToTheSameRanges()
    {
        ActionsSpec spec = Snippets.Bind("""
            group demo
            action a(count: Int >= 0, c: Int 0..255) -> err {
              proc 1
              optargs (size: OInt64 <= 9)
              summary: S
              description:
                | D
            }
            """);

        string printed = ActionsPrinter.PrintGroup("demo", spec.Actions);
        Assert.Contains("action a(count: Int >= 0, c: Int 0..255) -> err {", printed);
        Assert.Contains("optargs (size: OInt64 <= 9)", printed);
        Assert.Equal(ActionsLocationEraser.Erase(spec), ActionsLocationEraser.Erase(Snippets.Bind(printed)));
    }

    [Theory]
    [InlineData("p: String >= 0", "String", ">=")]
    [InlineData("p: Bool 0..1", "Bool", "0..")]
    [InlineData("p: Pathname <= 4", "Pathname", "<=")]
    public void Bind_RangeOnNonIntegerArgument_ReportsGFS0112(string argument, string kind, string at)
    {
        List<string> diagnostics = Diagnose(argument, string.Empty);
        int column = ArgumentColumn + argument.IndexOf(at, System.StringComparison.Ordinal);

        Assert.Equal([$"test.actions(2,{column}): error GFS0112: Argument 'p' of action 'a' is {kind}, which cannot take a range; only Int, Int64, OInt and OInt64 arguments can"], diagnostics);
    }

    [Fact]
    public void Bind_RangeOnNonIntegerOptionalArgument_ReportsGFS0112()
    {
        List<string> diagnostics = Diagnose("x: Int", "  optargs (label: OString >= 1)\n");

        Assert.Equal(["test.actions(3,27): error GFS0112: Argument 'label' of action 'a' is OString, which cannot take a range; only Int, Int64, OInt and OInt64 arguments can"], diagnostics);
    }

    [Theory]
    [InlineData("p: Int >= 2147483648", "2147483648", ">= 2147483648", "has a bound outside the 32-bit range of Int ('2147483648')")]
    [InlineData("p: Int 0..-2147483649", "-2147483649", "0..-2147483649", "has a bound outside the 32-bit range of Int ('-2147483649')")]
    [InlineData("p: Int64 <= 9223372036854775808", "9223372036854775808", "<= 9223372036854775808", "has a bound outside the 64-bit range of Int64 ('9223372036854775808')")]
    [InlineData("p: Int 5..1", "5..1", "5..1", "is empty: the minimum is above the maximum")]
    [InlineData("p: Int >= -2147483648", ">=", ">= -2147483648", "allows every value of Int; remove it")]
    [InlineData("p: Int64 -9223372036854775808..9223372036854775807", "-9223372036854775808..", "-9223372036854775808..9223372036854775807", "allows every value of Int64; remove it")]
    public void Bind_NonsenseRange_ReportsGFS0113(string argument, string at, string range, string problem)
    {
        List<string> diagnostics = Diagnose(argument, string.Empty);
        int column = ArgumentColumn + argument.IndexOf(at, System.StringComparison.Ordinal);

        Assert.Equal([$"test.actions(2,{column}): error GFS0113: Argument 'p' of action 'a' has the range '{range}', which {problem}"], diagnostics);
    }

    [Fact]
    public void Bind_NonsenseOptionalArgumentRange_ReportsGFS0113()
    {
        List<string> diagnostics = Diagnose("x: Int", "  optargs (level: OInt 9..0)\n");

        Assert.Equal(["test.actions(3,24): error GFS0113: Argument 'level' of action 'a' has the range '9..0', which is empty: the minimum is above the maximum"], diagnostics);
    }

    [Theory]
    [InlineData("p: Int >= x")]
    [InlineData("p: Int 0..")]
    [InlineData("p: Int > 0")]
    [InlineData("p: Int 0...5")]
    public void Parse_MalformedRange_ReportsASyntaxError(string argument)
    {
        List<string> diagnostics = Diagnose(argument, string.Empty);

        Assert.Contains(diagnostics, d => d.Contains("error GFS0100: Syntax error", System.StringComparison.Ordinal));
    }

    /// <summary>The column of the first argument: after <c>action a(</c>.</summary>
    private const int ArgumentColumn = 10;

    private static List<string> Diagnose(string argument, string optargs) => Snippets.Diagnose($$"""
        group demo
        action a({{argument}}) -> err {
        {{optargs}}  summary: S
          description:
            | D
        }
        """);
}
