using System.Linq;
using System.Threading;
using Guestfs.Idl.Common;
using Guestfs.Idl.Xdr;

namespace Guestfs.Idl.Tests;

internal static class XdrTestHelpers
{
    public static XdrParseResult Parse(string text, string path = "test.x") =>
        XdrParser.Parse(path, text, CancellationToken.None);

    /// <summary>Parses and binds; returns the spec and all diagnostics (syntax first).</summary>
    public static (XdrSpec Spec, IdlDiagnostic[] Diagnostics) Compile(string text, string path = "test.x")
    {
        XdrBindResult bound = XdrBinder.ParseAndBind(path, text, CancellationToken.None);
        return (bound.Spec, bound.Diagnostics.ToArray());
    }

    public static XdrSpec CompileClean(string text, string path = "test.x")
    {
        var (spec, diagnostics) = Compile(text, path);
        Assert.True(diagnostics.Length == 0, string.Join("\n", diagnostics.Select(d => d.ToString())));
        return spec;
    }
}
