using System.Collections.Generic;
using System.Linq;
using Guestfs.Idl.Actions;
using Guestfs.Idl.Common;

namespace Guestfs.Actions.Tests;

/// <summary>Helpers to parse, bind and validate small inline tables.</summary>
internal static class Snippets
{
    public const string Path = "test.actions";

    /// <summary>Parses and binds one file; returns the diagnostics as strings.</summary>
    public static List<string> Diagnose(string text) =>
        ActionsBinder.ParseAndBind([(Path, text)]).Diagnostics.Select(d => d.ToString()).ToList();

    /// <summary>Parses and binds one file that must be clean, then validates it against <paramref name="protocol"/>.</summary>
    public static List<string> Validate(string text, ProtocolFactsSpec protocol)
    {
        ActionsBindResult bound = ActionsBinder.ParseAndBind([(Path, text)]);
        Assert.Empty(bound.Diagnostics.Select(d => d.ToString()));
        return ActionsValidator.Validate(bound.Spec, protocol).Select(d => d.ToString()).ToList();
    }

    public static ActionsSpec Bind(string text)
    {
        ActionsBindResult bound = ActionsBinder.ParseAndBind([(Path, text)]);
        Assert.Empty(bound.Diagnostics.Select(d => d.ToString()));
        return bound.Spec;
    }

    public static ProcedureFactsSpec Procedure(string name, int number, WireFieldSpec[]? args = null, WireFieldSpec[]? ret = null) =>
        new(name, number, args?.ToEquatableArray(), ret?.ToEquatableArray(), new IdlLocation("guestfs_protocol.x", 0, 0, number + 10, 3));

    public static WireFieldSpec Field(string name, WireTypeSpec type) => new(name, type);

    public static ProtocolFactsSpec Protocol(params ProcedureFactsSpec[] procedures) =>
        new(procedures.ToEquatableArray(), EquatableArray<WireStructSpec>.Empty);
}
