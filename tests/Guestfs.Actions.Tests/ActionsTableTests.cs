using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using Guestfs.Idl.Actions;
using Guestfs.Idl.Common;

namespace Guestfs.Actions.Tests;

public class ActionsTableTests
{
    /// <summary>The library-side actions the runtime implements by hand (issue 5 / docs/architecture.md).</summary>
    private static readonly string[] s_runtimeActions =
    [
        "launch", "shutdown", "kill_subprocess", "add_drive", "add_drive_ro", "add_drive_scratch",
        "set_path", "get_path", "set_backend", "get_backend", "set_attach_method", "get_attach_method",
        "set_backend_settings", "get_backend_settings", "get_backend_setting", "set_backend_setting", "clear_backend_setting",
        "set_memsize", "get_memsize", "set_smp", "get_smp", "set_append", "get_append", "set_verbose", "get_verbose",
        "set_trace", "get_trace", "set_autosync", "get_autosync", "set_selinux", "get_selinux", "set_network", "get_network",
        "set_identifier", "get_identifier", "set_program", "get_program", "set_hv", "get_hv", "set_qemu", "get_qemu",
        "set_tmpdir", "get_tmpdir", "set_cachedir", "get_cachedir", "get_sockdir", "get_pid", "is_config", "is_launching",
        "is_ready", "is_busy", "get_state", "version", "user_cancel", "max_disks",
        "cat", "read_file", "read_lines", "write", "write_append", "ls", "find", "stat", "lstat",
        "lstatlist", "lstatnslist", "lxattrlist", "readlinklist", "disk_format", "disk_virtual_size", "disk_has_backing_file",
        "copy_in", "copy_out", "available", "feature_available", "mountable_device", "mountable_subvolume",
        "canonical_device_name", "device_index", "add_cdrom", "add_drive_with_if", "add_drive_ro_with_if", "remove_drive",
        "filesystem_walk", "find_inode", "yara_scan", "journal_get",
        "inspect_list_applications", "inspect_list_applications2", "inspect_get_osinfo", "inspect_get_icon",
        "disk_create", "parse_environment", "parse_environment_list",
    ];

    [Fact]
    public void Table_WhenParsedAndBound_HasNoDiagnostics()
    {
        ActionsBindResult result = ActionsTable.Bound;

        Assert.Empty(result.Diagnostics.Select(d => d.ToString()));
        Assert.Equal(ReferenceActions.TableActions.Count, result.Spec.Actions.Count);
    }

    [Fact]
    public void Table_ValidatedAgainstReferenceProcedures_HasNoDiagnostics()
    {
        var diagnostics = ActionsValidator.Validate(ActionsTable.Bound.Spec, ReferenceProtocol.Facts);

        Assert.Empty(diagnostics.Select(d => d.ToString()));
    }

    [Fact]
    public void Table_BoundAgainstProtocolFile_HasNoDiagnostics()
    {
        var files = ActionsTable.ReadFiles().Select(f => ActionsParser.Parse(f.Path, f.Text).File);

        ActionsBindResult result = ActionsBinder.Bind(files, ProtocolFile.Spec);

        Assert.Empty(result.Diagnostics.Select(d => d.ToString()));
        Assert.Equal(ProtocolFacts.FromXdr(ProtocolFile.Spec).Procedures.Count, result.Spec.Actions.Count(a => a.IsDaemon));
    }

    [Fact]
    public void ProtocolFacts_FromProtocolFile_EqualTheReferenceFacts()
    {
        ProtocolFactsSpec fromX = ProtocolFacts.FromXdr(ProtocolFile.Spec);
        ProtocolFactsSpec reference = ReferenceProtocol.Facts;

        Assert.Equal(
            reference.Procedures.Select(p => p with { Location = IdlLocation.None }).OrderBy(p => p.Number),
            fromX.Procedures.Select(p => p with { Location = IdlLocation.None }).OrderBy(p => p.Number));
        foreach (WireStructSpec structure in reference.Structs)
        {
            Assert.Equal(structure.Fields, fromX.Structs.Single(s => s.Name == structure.Name).Fields);
        }
    }

    [Fact]
    public void Table_ComparedWithReference_HasEveryActionWithTheSameFacts()
    {
        var table = ActionsTable.Bound.Spec.Actions.ToDictionary(a => a.Name, StringComparer.Ordinal);
        var problems = new List<string>();

        foreach (JsonElement reference in ReferenceActions.TableActions)
        {
            string name = reference.GetProperty("name").GetString()!;
            if (!table.Remove(name, out ActionSpec? action))
            {
                problems.Add(name + ": missing from the table");
                continue;
            }

            string expected = Describe(reference);
            string actual = Describe(action);
            if (expected != actual)
            {
                problems.Add($"{name}:\n  reference {expected}\n  table     {actual}");
            }
        }

        problems.AddRange(table.Keys.Select(n => n + ": in the table but not in the reference"));
        Assert.Empty(problems);
    }

    [Fact]
    public void Table_EveryAction_HasWrittenSummaryAndDescription()
    {
        var placeholders = ActionsTable.Bound.Spec.Actions
            .Where(a => a.Summary.Contains("(summary pending)", StringComparison.Ordinal) || a.Description.Contains("(description pending)", StringComparison.Ordinal)
                || a.Summary.Length < 10 || a.Description.Length < 20 || a.Summary.Contains('\n'))
            .Select(a => a.Name);

        Assert.Empty(placeholders);
    }

    [Fact]
    public void Table_RuntimeMarker_IsOnExactlyTheRuntimeImplementedActions()
    {
        var marked = ActionsTable.Bound.Spec.Actions.Where(a => a.RuntimeImplemented).Select(a => a.Name).OrderBy(n => n, StringComparer.Ordinal);

        Assert.Equal(s_runtimeActions.OrderBy(n => n, StringComparer.Ordinal), marked);
    }

    [Fact]
    public void Table_EveryPublicLibrarySideAction_IsRuntimeOrUnsupportedWithAReason()
    {
        var undecided = ActionsTable.Bound.Spec.Actions
            .Where(a => !a.IsDaemon && a.Visibility is ActionVisibility.Public or ActionVisibility.PublicNoFish)
            .Where(a => a.RuntimeImplemented == (a.UnsupportedReason is not null) || a.UnsupportedReason is { Length: < 20 })
            .Select(a => a.Name);

        Assert.Empty(undecided);
    }

    [Fact]
    public void Table_UnsupportedClause_IsOnlyOnLibrarySideActionsTheRuntimeDoesNotImplement()
    {
        var misplaced = ActionsTable.Bound.Spec.Actions
            .Where(a => a.UnsupportedReason is not null && (a.IsDaemon || a.RuntimeImplemented))
            .Select(a => a.Name);

        Assert.Empty(misplaced);
    }

    [Fact]
    public void Table_Structs_MatchReferenceFieldsAndKinds()
    {
        var table = ActionsTable.Bound.Spec.Structs.ToDictionary(s => s.Name, StringComparer.Ordinal);
        var expected = ReferenceActions.Structs
            .Select(s => s.GetProperty("name").GetString() + " { " + string.Join(", ", s.GetProperty("fields").EnumerateArray().Select(f => f.GetProperty("name").GetString() + ": " + f.GetProperty("kind").GetString())) + " }")
            .ToList();
        var actual = ActionsTable.Bound.Spec.Structs
            .Select(s => s.Name + " { " + string.Join(", ", s.Fields.Select(f => f.Name + ": " + f.Kind)) + " }")
            .ToList();

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Table_StructCSharpNames_AreUniqueIdentifiers()
    {
        var names = ActionsTable.Bound.Spec.Structs.Select(s => s.CSharpName).ToList();

        Assert.Equal(names.Count, names.Distinct(StringComparer.Ordinal).Count());
        Assert.All(names, n => Assert.Matches("^[A-Z][A-Za-z0-9]*$", n));
        Assert.Equal("LvmPv", ActionsTable.Bound.Spec.Structs.Single(s => s.Name == "lvm_pv").CSharpName);
    }

    [Fact]
    public void Table_Groups_EachFileIsOneNamedGroupMatchingItsFileName()
    {
        var groups = ActionsTable.Bound.Spec.Groups;

        Assert.All(groups, g => Assert.EndsWith("/" + g.Name + ".actions", g.Path, StringComparison.Ordinal));
        Assert.All(ActionsTable.Bound.Spec.Actions, a => Assert.Contains(groups, g => g.Name == a.Group));
    }

    [Fact]
    public void Table_EachGroup_ListsItsActionsByName()
    {
        foreach (var group in ActionsTable.Bound.Spec.Actions.GroupBy(a => a.Group))
        {
            var names = group.Select(a => a.Name).ToList();
            Assert.Equal(names.OrderBy(n => n, StringComparer.Ordinal), names);
        }
    }

    [Fact]
    public void Table_FindAction_ReturnsTheDaemonActionWithItsOptionalArgumentBits()
    {
        ActionSpec? mkfs = ActionsTable.Bound.Spec.FindAction("mkfs");

        Assert.NotNull(mkfs);
        Assert.Equal(278, mkfs.ProcedureNumber);
        Assert.Equal("filesystems", mkfs.Group);
        Assert.Equal(Enumerable.Range(0, mkfs.OptionalArguments.Count), mkfs.OptionalArguments.Select(o => o.Bit));
        Assert.Null(ActionsTable.Bound.Spec.FindAction("no_such_action"));
    }

    private static string Describe(JsonElement a)
    {
        var flags = new List<string>();
        if (a.GetProperty("progress").GetBoolean()) { flags.Add("progress"); }
        if (a.GetProperty("cancellable").GetBoolean()) { flags.Add("cancellable"); }
        if (a.GetProperty("config_only").GetBoolean()) { flags.Add("config-only"); }
        if (!a.GetProperty("blocking").GetBoolean()) { flags.Add("non-blocking"); }
        if (a.GetProperty("once_had_no_optargs").GetBoolean()) { flags.Add("once-had-no-optargs"); }
        if (a.GetProperty("protocol_limit_warning").GetBoolean()) { flags.Add("protocol-limit"); }
        if (a.GetProperty("deprecated").GetBoolean()) { flags.Add("deprecated"); }

        int[] added = a.GetProperty("added").EnumerateArray().Select(v => v.GetInt32()).ToArray();
        JsonElement proc = a.GetProperty("proc_nr");
        return Render(
            proc.ValueKind == JsonValueKind.Null ? null : proc.GetInt32(),
            ReferenceActions.ReturnKind(a.GetProperty("ret")),
            a.GetProperty("args").EnumerateArray().Select(x => x.GetProperty("name").GetString() + ": " + ReferenceActions.ArgumentKind(x)),
            a.GetProperty("optargs").EnumerateArray().Select(x => x.GetProperty("name").GetString() + ": " + x.GetProperty("kind").GetString()),
            ReferenceActions.Visibility(a),
            added[0] < 0 ? "-" : string.Join(".", added),
            flags,
            a.GetProperty("deprecated_by").GetString(),
            a.GetProperty("optional").GetString(),
            a.GetProperty("fish_alias").EnumerateArray().Select(x => x.GetString()!),
            a.GetProperty("fish_output").GetString() switch
            {
                "FishOutputHexadecimal" => "hex",
                "FishOutputOctal" => "octal",
                _ => "-",
            });
    }

    private static string Describe(ActionSpec a)
    {
        var flags = new List<string>();
        if (a.Progress) { flags.Add("progress"); }
        if (a.Cancellable) { flags.Add("cancellable"); }
        if (a.ConfigOnly) { flags.Add("config-only"); }
        if (!a.Blocking) { flags.Add("non-blocking"); }
        if (a.OnceHadNoOptionalArguments) { flags.Add("once-had-no-optargs"); }
        if (a.ProtocolLimitWarning) { flags.Add("protocol-limit"); }
        if (a.Deprecated) { flags.Add("deprecated"); }

        return Render(
            a.ProcedureNumber,
            a.Return.ToString(),
            a.Arguments.Select(x => x.Name + ": " + ActionsVocabulary.ToText(x.Kind) + (x.PointerType is null ? string.Empty : "(" + x.PointerType + ")")),
            a.OptionalArguments.Select(x => x.Name + ": " + x.Kind),
            ActionsVocabulary.ToText(a.Visibility),
            a.Added?.ToString() ?? "-",
            flags,
            a.DeprecatedBy,
            a.OptionalGroup,
            a.FishAliases,
            a.FishOutput switch
            {
                FishOutputFormat.Hexadecimal => "hex",
                FishOutputFormat.Octal => "octal",
                _ => "-",
            });
    }

    private static string Render(
        int? proc, string ret, IEnumerable<string> args, IEnumerable<string> optargs, string visibility, string added,
        IEnumerable<string> flags, string? deprecatedBy, string? optional, IEnumerable<string> aliases, string fishOutput) =>
        $"proc={proc?.ToString() ?? "-"} ({string.Join(", ", args)}) -> {ret} optargs=({string.Join(", ", optargs)}) " +
        $"visibility={visibility} added={added} flags=[{string.Join(", ", flags)}] deprecated-by={deprecatedBy ?? "-"} " +
        $"optional={optional ?? "-"} fish-alias=[{string.Join(", ", aliases)}] fish-output={fishOutput}";
}
