using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using Guestfs.Idl.Common;
using Guestfs.Idl.Xdr;

namespace Guestfs.Idl.Tests;

/// <summary>Independent rpcgen files shipped by Debian (libc6-dev, libtirpc-dev) must parse without errors.</summary>
public class RealWorldFileTests
{
    private static readonly string[] s_searchDirectories = { "/usr/include/rpcsvc", "/usr/include/tirpc/rpcsvc", "/usr/include/tirpc/rpc" };

    public static IEnumerable<object[]> SystemFiles() =>
        s_searchDirectories
            .Where(Directory.Exists)
            .SelectMany(d => Directory.GetFiles(d, "*.x"))
            .OrderBy(f => f, System.StringComparer.Ordinal)
            .Select(f => new object[] { f });

    [Fact]
    public void SystemFiles_AtLeastThreeAreInstalled()
    {
        Assert.True(SystemFiles().Count() >= 3, "install libc6-dev and libtirpc-dev (eng/setup.sh) for the rpcgen sample files");
    }

    [Theory]
    [MemberData(nameof(SystemFiles))]
    public void SystemFile_Parse_HasNoErrors(string path)
    {
        XdrParseResult result = XdrParser.Parse(path, File.ReadAllText(path), CancellationToken.None);

        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        Assert.NotEmpty(result.Syntax.Definitions);
    }

    [Theory]
    [MemberData(nameof(SystemFiles))]
    public void SystemFile_Bind_OnlyMissesNamesThatComeFromCHeaders(string path)
    {
        // Several files use types and constants that rpcgen output gets from C headers (netobj, des_block,
        // rpcprog_t …) or from another .x file they #include; those are the only errors allowed.
        XdrParseResult parsed = XdrParser.Parse(path, File.ReadAllText(path), CancellationToken.None);
        XdrBindResult bound = XdrBinder.Bind(parsed.Syntax, CancellationToken.None);

        string[] allowed = { XdrDiagnosticIds.UndefinedType, XdrDiagnosticIds.UndefinedName, XdrDiagnosticIds.NotAnInteger };
        IEnumerable<IdlDiagnostic> others = bound.Diagnostics.Where(d => d.Severity == IdlSeverity.Error && !allowed.Contains(d.Id));
        Assert.Empty(others);
    }

    [Theory]
    [InlineData("/usr/include/rpcsvc/bootparam_prot.x")]
    [InlineData("/usr/include/rpcsvc/mount.x")]
    [InlineData("/usr/include/rpcsvc/nfs_prot.x")]
    [InlineData("/usr/include/rpcsvc/rquota.x")]
    [InlineData("/usr/include/rpcsvc/rstat.x")]
    [InlineData("/usr/include/rpcsvc/sm_inter.x")]
    [InlineData("/usr/include/rpcsvc/yp.x")]
    public void SelfContainedSystemFile_Bind_HasNoErrors(string path)
    {
        XdrParseResult parsed = XdrParser.Parse(path, File.ReadAllText(path), CancellationToken.None);
        XdrBindResult bound = XdrBinder.Bind(parsed.Syntax, CancellationToken.None);

        Assert.False(bound.HasErrors, string.Join("\n", bound.Diagnostics));
        Assert.NotEmpty(bound.Spec.Order);
    }

    [Theory]
    [MemberData(nameof(SystemFiles))]
    public void SystemFile_PrintThenParse_GivesEqualModel(string path)
    {
        XdrParseResult parsed = XdrParser.Parse(path, File.ReadAllText(path), CancellationToken.None);
        XdrSpec first = XdrBinder.Bind(parsed.Syntax, CancellationToken.None).Spec;

        string printed = XdrPrinter.Print(first);
        XdrParseResult reparsed = XdrParser.Parse(path, printed, CancellationToken.None);
        XdrSpec second = XdrBinder.Bind(reparsed.Syntax, CancellationToken.None).Spec;

        Assert.False(reparsed.HasErrors, string.Join("\n", reparsed.Diagnostics));
        Assert.Equal(first.WithoutLocations(), second.WithoutLocations());
    }
}
