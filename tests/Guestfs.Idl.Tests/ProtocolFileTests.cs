using System.IO;
using System.Linq;
using Guestfs.Idl.Xdr;

namespace Guestfs.Idl.Tests;

public class ProtocolFileTests
{
    private static readonly XdrSpec s_spec = XdrTestHelpers.CompileClean(File.ReadAllText(TestPaths.ProtocolFile), TestPaths.ProtocolFile);

    [Fact]
    public void ProtocolFile_ParseAndBind_HasNoDiagnostics()
    {
        var (_, diagnostics) = XdrTestHelpers.Compile(File.ReadAllText(TestPaths.ProtocolFile), TestPaths.ProtocolFile);
        Assert.Empty(diagnostics);
    }

    [Fact]
    public void ProtocolFile_ProcedureEnum_Has492Members()
    {
        XdrEnumSpec procedures = s_spec.FindEnum("guestfs_procedure")!;
        Assert.Equal(492, procedures.Members.Count);
        Assert.Equal(procedures.Members.Max(m => m.Value), s_spec.FindConstant("GUESTFS_MAX_PROC_NR")!.Value.Value);
    }
}
