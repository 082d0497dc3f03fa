using System.IO;
using System.Linq;
using System.Threading;
using Guestfs.Idl.Xdr;

namespace Guestfs.Idl.Tests;

public class PreprocessorTests
{
    private const string Conditional = """
        #define LEVEL 2
        #ifdef RPC_HDR
        const HDR = 1;
        #else
        const NOT_HDR = 1;
        #endif
        #if LEVEL >= 2 && !defined(SKIP)
        const LEVEL_TWO = 2;
        #elif LEVEL == 1
        const LEVEL_ONE = 1;
        #endif
        #ifndef SKIP
        #  if 0
        const NEVER = 0;
        #  endif
        const LAST = 3;
        #endif
        """;

    private static string[] Names(XdrParseResult result) =>
        result.Syntax.Definitions.OfType<XdrConstSyntax>().Select(c => c.Name).ToArray();

    [Fact]
    public void Conditionals_NoSymbols_SelectTheElseBranches()
    {
        XdrParseResult result = XdrParser.Parse("p.x", Conditional, CancellationToken.None);

        Assert.Empty(result.Diagnostics);
        Assert.Equal(new[] { "NOT_HDR", "LEVEL_TWO", "LAST" }, Names(result));
        Assert.Equal(11, result.Syntax.Directives.Count);
        Assert.True(result.Syntax.Directives.Single(d => d.Text == "#  if 0").IsActive);
    }

    [Fact]
    public void Conditionals_DefinedSymbol_SelectsItsBranch()
    {
        XdrParseResult result = XdrParser.Parse("p.x", Conditional, new[] { "RPC_HDR", "SKIP" }, CancellationToken.None);

        Assert.Empty(result.Diagnostics);
        Assert.Equal(new[] { "HDR" }, Names(result));
        Assert.False(result.Syntax.Directives.Single(d => d.Text == "#  if 0").IsActive);
    }

    [Fact]
    public void SkippedLines_KeepPositionsOfWhatFollows()
    {
        XdrParseResult result = XdrParser.Parse("p.x", "#if 0\nstruct broken {\n#endif\nconst A = 1;", CancellationToken.None);

        var constant = (XdrConstSyntax)Assert.Single(result.Syntax.Definitions);
        Assert.Equal((4, 7), (constant.NameLocation.Line, constant.NameLocation.Column));
    }

    [Fact]
    public void YpFile_StupidSunBugBranchNotTaken_KeepsValThenKey()
    {
        const string path = "/usr/include/rpcsvc/yp.x";
        XdrParseResult result = XdrParser.Parse(path, File.ReadAllText(path), CancellationToken.None);
        XdrSpec spec = XdrBinder.Bind(result.Syntax, CancellationToken.None).Spec;

        Assert.Equal(new[] { "stat", "val", "key" }, spec.FindStruct("ypresp_key_val")!.Fields.Select(f => f.Name));
    }
}
