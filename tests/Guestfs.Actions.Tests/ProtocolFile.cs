using System;
using System.IO;
using System.Linq;
using System.Threading;
using Guestfs.Idl.Xdr;

namespace Guestfs.Actions.Tests;

/// <summary>Parses and binds idl/guestfs_protocol.x once.</summary>
internal static class ProtocolFile
{
    private static readonly Lazy<XdrSpec> s_spec = new(() =>
    {
        XdrParseResult parsed = XdrParser.Parse("idl/guestfs_protocol.x", File.ReadAllText(TestPaths.ProtocolFile), CancellationToken.None);
        Assert.Empty(parsed.Diagnostics.Where(d => d.Severity == Guestfs.Idl.Common.IdlSeverity.Error).Select(d => d.ToString()));
        XdrBindResult bound = XdrBinder.Bind(parsed.Syntax, CancellationToken.None);
        Assert.False(bound.HasErrors, string.Join("\n", bound.Diagnostics));
        return bound.Spec;
    });

    public static XdrSpec Spec => s_spec.Value;
}
