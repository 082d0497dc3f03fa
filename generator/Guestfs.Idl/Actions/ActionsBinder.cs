using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using Guestfs.Idl.Common;

namespace Guestfs.Idl.Actions;

/// <summary>
/// Turns parsed <c>.actions</c> files into the <see cref="ActionsSpec"/> model: interprets clauses and kinds
/// (GFS01xx vocabulary errors) and runs the checks that need only the table (GFS025x). The checks against the
/// <c>.x</c> live in <see cref="ActionsValidator"/>; <see cref="Bind(IEnumerable{ActionsFileSyntax}, ProtocolFactsSpec)"/>
/// runs both.
/// </summary>
public static class ActionsBinder
{
    /// <summary>The most optional arguments an action can have: the optargs bitmask is 64 bits.</summary>
    public const int MaxOptionalArguments = 64;

    private static readonly Regex s_version = new(@"^(\d+)\.(\d+)\.(\d+)$", RegexOptions.CultureInvariant);
    private static readonly Regex s_csharpIdentifier = new(@"^[A-Z][A-Za-z0-9]*$", RegexOptions.CultureInvariant);
    private static readonly Regex s_name = new(@"^[a-z_][a-z0-9_]*$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

    /// <summary>Parses and binds a set of files given as (path, text) pairs; a convenience for tools and tests.</summary>
    /// <param name="files">The files.</param>
    /// <returns>The model with parse and bind diagnostics.</returns>
    public static ActionsBindResult ParseAndBind(IEnumerable<(string Path, string Text)> files)
    {
        var parsed = files.Select(f => ActionsParser.Parse(f.Path, f.Text)).ToList();
        ActionsBindResult bound = Bind(parsed.Select(p => p.File));
        return bound with { Diagnostics = parsed.SelectMany(p => p.Diagnostics).Concat(bound.Diagnostics).ToEquatableArray() };
    }

    /// <summary>Binds the files and validates the result against the protocol.</summary>
    /// <param name="files">The parsed files.</param>
    /// <param name="protocol">The facts of the <c>.x</c>.</param>
    /// <returns>The model with bind and validation diagnostics.</returns>
    public static ActionsBindResult Bind(IEnumerable<ActionsFileSyntax> files, ProtocolFactsSpec protocol)
    {
        ActionsBindResult bound = Bind(files);
        EquatableArray<IdlDiagnostic> validation = ActionsValidator.Validate(bound.Spec, protocol);
        return bound with { Diagnostics = bound.Diagnostics.Concat(validation).ToEquatableArray() };
    }

    /// <summary>Binds the files and validates the result against the bound <c>.x</c> model.</summary>
    /// <param name="files">The parsed files.</param>
    /// <param name="xdr">The bound protocol (see <c>XdrBinder</c>).</param>
    /// <returns>The model with bind and validation diagnostics.</returns>
    public static ActionsBindResult Bind(IEnumerable<ActionsFileSyntax> files, Xdr.XdrSpec xdr) => Bind(files, ProtocolFacts.FromXdr(xdr));

    /// <summary>Binds the files into the model, checking what needs only the table.</summary>
    /// <param name="files">The parsed files, in any order (they are ordered by path).</param>
    /// <returns>The model and diagnostics.</returns>
    public static ActionsBindResult Bind(IEnumerable<ActionsFileSyntax> files)
    {
        var diagnostics = new List<IdlDiagnostic>();
        var groups = new List<ActionGroupSpec>();
        var actions = new List<ActionSpec>();
        var structs = new List<PublicStructSpec>();
        var unused = new List<UnusedProcedureSpec>();

        foreach (ActionsFileSyntax file in files.OrderBy(f => f.Path, StringComparer.Ordinal))
        {
            string group = BindGroup(file, groups, diagnostics);
            foreach (ActionSyntax action in file.Actions)
            {
                ActionSpec? actionSpec = BindAction(action, group, diagnostics);
                if (actionSpec is not null)
                {
                    actions.Add(actionSpec);
                }
            }

            foreach (StructSyntax structure in file.Structs)
            {
                structs.Add(BindStruct(structure, diagnostics));
            }

            foreach (UnusedProcedureSyntax procedure in file.UnusedProcedures)
            {
                if (int.TryParse(procedure.Number.Text, NumberStyles.None, CultureInfo.InvariantCulture, out int number) && number > 0)
                {
                    unused.Add(new UnusedProcedureSpec(procedure.Name.Text, number, procedure.Location));
                }
                else
                {
                    diagnostics.Add(ActionsDiagnostics.InvalidClauseValue(procedure.Number.Location, "unused-procedure", procedure.Name.Text, "a positive procedure number", procedure.Number.Text));
                }
            }
        }

        CheckTable(actions, structs, unused, diagnostics);
        var spec = new ActionsSpec(groups.ToEquatableArray(), actions.ToEquatableArray(), structs.ToEquatableArray(), unused.ToEquatableArray());
        return new ActionsBindResult(spec, diagnostics.ToEquatableArray());
    }

    private static string BindGroup(ActionsFileSyntax file, List<ActionGroupSpec> groups, List<IdlDiagnostic> diagnostics)
    {
        if (file.Groups.Count == 1)
        {
            NameSyntax name = file.Groups[0];
            groups.Add(new ActionGroupSpec(name.Text, file.Path, name.Location));
            return name.Text;
        }

        if (file.Groups.Count > 1 || file.Actions.Count > 0)
        {
            IdlLocation location = file.Groups.Count > 1 ? file.Groups[1].Location : new IdlLocation(file.Path, 0, 0, 1, 1);
            diagnostics.Add(ActionsDiagnostics.MissingGroup(location, file.Path, file.Groups.Count));
        }

        return file.Groups.Count > 0 ? file.Groups[0].Text : string.Empty;
    }

    private static PublicStructSpec BindStruct(StructSyntax structure, List<IdlDiagnostic> diagnostics)
    {
        var fields = new List<PublicStructFieldSpec>();
        foreach (StructFieldSyntax field in structure.Fields)
        {
            if (ActionsVocabulary.TryGetStructFieldKind(field.Kind.Text, out StructFieldKind kind))
            {
                fields.Add(new PublicStructFieldSpec(field.Name.Text, kind, field.Location));
            }
            else
            {
                diagnostics.Add(ActionsDiagnostics.UnknownStructFieldKind(field.Kind.Location, field.Name.Text, structure.Name.Text, field.Kind.Text));
            }
        }

        string csharpName = structure.CSharpName?.Text ?? ActionsNaming.ToPascalCase(structure.Name.Text);
        return new PublicStructSpec(structure.Name.Text, csharpName, fields.ToEquatableArray(), structure.Location);
    }

    private static ActionSpec? BindAction(ActionSyntax action, string group, List<IdlDiagnostic> diagnostics)
    {
        int errorsBefore = diagnostics.Count;
        string name = action.Name.Text;

        var arguments = new List<ArgumentSpec>();
        foreach (ArgumentSyntax argument in action.Arguments)
        {
            if (!ActionsVocabulary.TryGetArgumentKind(argument.Kind.Text, out ArgumentKind kind))
            {
                diagnostics.Add(ActionsDiagnostics.UnknownArgumentKind(argument.Kind.Location, argument.Name.Text, name, argument.Kind.Text));
                continue;
            }

            if (kind == ArgumentKind.Pointer && argument.Parameter is null)
            {
                diagnostics.Add(ActionsDiagnostics.InvalidArgumentKindParameter(argument.Location, argument.Name.Text, name, "Pointer needs its C type, e.g. 'Pointer(virDomainPtr)'"));
                continue;
            }

            if (kind != ArgumentKind.Pointer && argument.Parameter is not null)
            {
                diagnostics.Add(ActionsDiagnostics.InvalidArgumentKindParameter(argument.Parameter.Location, argument.Name.Text, name, "only Pointer takes a parameter; remove '(" + argument.Parameter.Text + ")'"));
                continue;
            }

            if (!TryBindRange(argument, name, kind switch { ArgumentKind.Int => 32, ArgumentKind.Int64 => 64, _ => 0 }, diagnostics, out ArgumentRangeSpec? range))
            {
                continue;
            }

            arguments.Add(new ArgumentSpec(argument.Name.Text, kind, argument.Parameter?.Text, argument.Location, range));
        }

        ReturnSpec? returns = BindReturn(action, diagnostics);

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var builder = new ActionBuilder();
        foreach (ClauseSyntax clause in action.Clauses)
        {
            string keyword = clause.Keyword.Text;
            if (!ActionsVocabulary.Clauses.Contains(keyword))
            {
                diagnostics.Add(ActionsDiagnostics.UnknownClause(clause.Keyword.Location, keyword, name));
                continue;
            }

            if (!seen.Add(keyword))
            {
                diagnostics.Add(ActionsDiagnostics.DuplicateClause(clause.Keyword.Location, keyword, name));
                continue;
            }

            BindClause(clause, name, builder, diagnostics);
        }

        if (builder.Summary is null)
        {
            diagnostics.Add(ActionsDiagnostics.MissingDocumentation(action.Location, name, "summary"));
        }

        if (builder.Description is null)
        {
            diagnostics.Add(ActionsDiagnostics.MissingDocumentation(action.Location, name, "description"));
        }

        if (diagnostics.Count != errorsBefore || returns is null)
        {
            return null;
        }

        return new ActionSpec
        {
            Name = name,
            CSharpName = builder.CSharpName ?? ActionsNaming.ToPascalCase(name),
            Group = group,
            ProcedureNumber = builder.ProcedureNumber,
            Return = returns,
            Arguments = arguments.ToEquatableArray(),
            OptionalArguments = builder.OptionalArguments.ToEquatableArray(),
            Visibility = builder.Visibility,
            Added = builder.Added,
            RuntimeImplemented = builder.Flags.Contains("runtime"),
            UnsupportedReason = builder.UnsupportedReason,
            Progress = builder.Flags.Contains("progress"),
            Cancellable = builder.Flags.Contains("cancellable"),
            ConfigOnly = builder.Flags.Contains("config-only"),
            Blocking = !builder.Flags.Contains("non-blocking"),
            OnceHadNoOptionalArguments = builder.Flags.Contains("once-had-no-optargs"),
            ProtocolLimitWarning = builder.Flags.Contains("protocol-limit"),
            Deprecated = builder.Flags.Contains("deprecated") || builder.DeprecatedBy is not null,
            DeprecatedBy = builder.DeprecatedBy,
            OptionalGroup = builder.OptionalGroup,
            FishAliases = builder.FishAliases.ToEquatableArray(),
            FishOutput = builder.FishOutput,
            Summary = builder.Summary!,
            Description = builder.Description!,
            Location = action.Location,
        };
    }

    private static ReturnSpec? BindReturn(ActionSyntax action, List<IdlDiagnostic> diagnostics)
    {
        var words = action.ReturnWords.Select(w => w.Text).ToList();
        if (words[0] == "struct")
        {
            bool list = words.Count == 3 && words[1] == "list";
            if ((words.Count == 2 && words[1] != "list") || list)
            {
                return new ReturnSpec(list ? ReturnKind.StructList : ReturnKind.Struct, words[words.Count - 1]);
            }
        }
        else if (ActionsVocabulary.TryGetReturnKind(string.Join(" ", words), out ReturnKind kind))
        {
            return new ReturnSpec(kind, null);
        }

        diagnostics.Add(ActionsDiagnostics.UnknownReturnKind(action.ReturnLocation, action.Name.Text, string.Join(" ", words)));
        return null;
    }

    private static void BindClause(ClauseSyntax clause, string action, ActionBuilder builder, List<IdlDiagnostic> diagnostics)
    {
        string keyword = clause.Keyword.Text;
        switch (keyword)
        {
            case "summary":
            case "description":
            case "unsupported":
                if (clause.Text is null || clause.Text.Trim().Length == 0)
                {
                    Invalid(clause, action, keyword == "unsupported" ? "the reason after ':'" : "text after ':'", diagnostics);
                }
                else if (keyword == "summary")
                {
                    builder.Summary = clause.Text;
                }
                else if (keyword == "unsupported")
                {
                    builder.UnsupportedReason = clause.Text.Trim();
                }
                else
                {
                    builder.Description = NormalizeDescription(clause.Text);
                }

                return;

            case "optargs":
                if (clause.Arguments is not { } optargs || optargs.Count == 0)
                {
                    Invalid(clause, action, "a parenthesised list of optional arguments", diagnostics);
                    return;
                }

                foreach (ArgumentSyntax optarg in optargs)
                {
                    if (!ActionsVocabulary.TryGetOptionalArgumentKind(optarg.Kind.Text, out OptionalArgumentKind kind))
                    {
                        diagnostics.Add(ActionsDiagnostics.UnknownOptionalArgumentKind(optarg.Kind.Location, optarg.Name.Text, action, optarg.Kind.Text));
                    }
                    else if (optarg.Parameter is not null)
                    {
                        diagnostics.Add(ActionsDiagnostics.InvalidArgumentKindParameter(optarg.Parameter.Location, optarg.Name.Text, action, "only Pointer takes a parameter; remove '(" + optarg.Parameter.Text + ")'"));
                    }
                    else if (TryBindRange(optarg, action, kind switch { OptionalArgumentKind.OInt => 32, OptionalArgumentKind.OInt64 => 64, _ => 0 }, diagnostics, out ArgumentRangeSpec? range))
                    {
                        builder.OptionalArguments.Add(new OptionalArgumentSpec(optarg.Name.Text, kind, builder.OptionalArguments.Count, optarg.Location, range));
                    }
                }

                return;
        }

        if (clause.Text is not null || clause.Arguments is not null || clause.Words.Count == 0)
        {
            Invalid(clause, action, ExpectedWords(keyword), diagnostics);
            return;
        }

        bool single = keyword is not ("flags" or "fish-alias");
        if (single && clause.Words.Count > 1)
        {
            diagnostics.Add(ActionsDiagnostics.InvalidClauseValue(clause.Words[1].Location, keyword, action, ExpectedWords(keyword), string.Join(", ", clause.Words.Select(w => w.Text))));
            return;
        }

        NameSyntax word = clause.Words[0];
        switch (keyword)
        {
            case "proc":
                if (int.TryParse(word.Text, NumberStyles.None, CultureInfo.InvariantCulture, out int number) && number > 0)
                {
                    builder.ProcedureNumber = number;
                }
                else
                {
                    InvalidWord(word, keyword, action, diagnostics);
                }

                break;

            case "added":
                Match match = s_version.Match(word.Text);
                if (match.Success
                    && int.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out int major)
                    && int.TryParse(match.Groups[2].Value, NumberStyles.None, CultureInfo.InvariantCulture, out int minor)
                    && int.TryParse(match.Groups[3].Value, NumberStyles.None, CultureInfo.InvariantCulture, out int release))
                {
                    builder.Added = new ActionVersionSpec(major, minor, release);
                }
                else
                {
                    InvalidWord(word, keyword, action, diagnostics);
                }

                break;

            case "flags":
                foreach (NameSyntax flag in clause.Words)
                {
                    if (!ActionsVocabulary.Flags.Contains(flag.Text))
                    {
                        diagnostics.Add(ActionsDiagnostics.UnknownFlag(flag.Location, flag.Text, action));
                    }
                    else if (!builder.Flags.Add(flag.Text))
                    {
                        diagnostics.Add(ActionsDiagnostics.DuplicateClause(flag.Location, flag.Text, action));
                    }
                }

                break;

            case "deprecated-by":
                if (s_name.IsMatch(word.Text))
                {
                    builder.DeprecatedBy = word.Text;
                }
                else
                {
                    InvalidWord(word, keyword, action, diagnostics);
                }

                break;

            case "optional-group":
                builder.OptionalGroup = word.Text;
                break;

            case "fish-alias":
                builder.FishAliases.AddRange(clause.Words.Select(w => w.Text));
                break;

            case "fish-output":
                if (ActionsVocabulary.TryGetFishOutput(word.Text, out FishOutputFormat format))
                {
                    builder.FishOutput = format;
                }
                else
                {
                    InvalidWord(word, keyword, action, diagnostics);
                }

                break;

            case "visibility":
                if (ActionsVocabulary.TryGetVisibility(word.Text, out ActionVisibility visibility))
                {
                    builder.Visibility = visibility;
                }
                else
                {
                    InvalidWord(word, keyword, action, diagnostics);
                }

                break;

            case "csharp-name":
                if (s_csharpIdentifier.IsMatch(word.Text))
                {
                    builder.CSharpName = word.Text;
                }
                else
                {
                    InvalidWord(word, keyword, action, diagnostics);
                }

                break;
        }
    }

    /// <summary>
    /// Interprets the range constraint of an argument, if it has one: only integer kinds take one, each bound must
    /// fit the kind's width, the range must not be empty, and it must exclude something (a range that allows every
    /// value of the type says nothing).
    /// </summary>
    /// <param name="argument">The argument as written.</param>
    /// <param name="action">Action name.</param>
    /// <param name="bits">32 or 64 for the integer kinds, 0 for any other kind.</param>
    /// <param name="diagnostics">Where problems go.</param>
    /// <param name="range">The bound range, or null when there is none.</param>
    /// <returns>False when the constraint is invalid (a diagnostic was added).</returns>
    private static bool TryBindRange(ArgumentSyntax argument, string action, int bits, List<IdlDiagnostic> diagnostics, out ArgumentRangeSpec? range)
    {
        range = null;
        if (argument.Range is not { } syntax)
        {
            return true;
        }

        if (bits == 0)
        {
            diagnostics.Add(ActionsDiagnostics.RangeOnNonIntegerArgument(syntax.Location, argument.Name.Text, action, argument.Kind.Text));
            return false;
        }

        string text = syntax.Minimum is { } low && syntax.Maximum is { } high
            ? low.Text + ".." + high.Text
            : syntax.Minimum is { } only ? ">= " + only.Text : "<= " + syntax.Maximum!.Text;
        long typeMin = bits == 32 ? int.MinValue : long.MinValue;
        long typeMax = bits == 32 ? int.MaxValue : long.MaxValue;
        long? minimum = null;
        long? maximum = null;
        foreach ((NameSyntax? bound, bool isMinimum) in new[] { (syntax.Minimum, true), (syntax.Maximum, false) })
        {
            if (bound is null)
            {
                continue;
            }

            if (!long.TryParse(bound.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value) || value < typeMin || value > typeMax)
            {
                diagnostics.Add(ActionsDiagnostics.InvalidArgumentRange(bound.Location, argument.Name.Text, action, text,
                    "has a bound outside the " + bits.ToString(CultureInfo.InvariantCulture) + "-bit range of " + argument.Kind.Text + " ('" + bound.Text + "')"));
                return false;
            }

            if (isMinimum)
            {
                minimum = value;
            }
            else
            {
                maximum = value;
            }
        }

        if (minimum > maximum)
        {
            diagnostics.Add(ActionsDiagnostics.InvalidArgumentRange(syntax.Location, argument.Name.Text, action, text, "is empty: the minimum is above the maximum"));
            return false;
        }

        if ((minimum ?? typeMin) == typeMin && (maximum ?? typeMax) == typeMax)
        {
            diagnostics.Add(ActionsDiagnostics.InvalidArgumentRange(syntax.Location, argument.Name.Text, action, text, "allows every value of " + argument.Kind.Text + "; remove it"));
            return false;
        }

        range = new ArgumentRangeSpec(minimum, maximum);
        return true;
    }

    /// <summary>Lines of a paragraph are joined with single spaces; paragraphs are separated by one blank line.</summary>
    private static string NormalizeDescription(string text)
    {
        var paragraphs = new List<string>();
        var current = new List<string>();
        foreach (string line in text.Split('\n'))
        {
            string trimmed = line.Trim();
            if (trimmed.Length > 0)
            {
                current.Add(trimmed);
            }
            else if (current.Count > 0)
            {
                paragraphs.Add(string.Join(" ", current));
                current.Clear();
            }
        }

        if (current.Count > 0)
        {
            paragraphs.Add(string.Join(" ", current));
        }

        return string.Join("\n\n", paragraphs);
    }

    private static string ExpectedWords(string keyword) => keyword switch
    {
        "proc" => "a positive procedure number",
        "added" => "a version 'major.minor.release'",
        "flags" => "a comma-separated list of " + ActionsVocabulary.FlagList,
        "deprecated-by" => "the name of the replacing action",
        "optional-group" => "a feature group name",
        "fish-alias" => "a comma-separated list of command names",
        "fish-output" => "'hex' or 'octal'",
        "visibility" => "one of " + ActionsVocabulary.VisibilityList,
        "csharp-name" => "a PascalCase C# identifier",
        _ => "a value",
    };

    private static void Invalid(ClauseSyntax clause, string action, string expected, List<IdlDiagnostic> diagnostics)
    {
        string actual = clause.Text ?? (clause.Arguments is { } args ? "(" + string.Join(", ", args.Select(a => a.Name.Text + ": " + a.Kind.Text)) + ")" : string.Join(", ", clause.Words.Select(w => w.Text)));
        diagnostics.Add(ActionsDiagnostics.InvalidClauseValue(clause.Keyword.Location, clause.Keyword.Text, action, expected, actual.Trim()));
    }

    private static void InvalidWord(NameSyntax word, string keyword, string action, List<IdlDiagnostic> diagnostics) =>
        diagnostics.Add(ActionsDiagnostics.InvalidClauseValue(word.Location, keyword, action, ExpectedWords(keyword), word.Text));

    private static void CheckTable(List<ActionSpec> actions, List<PublicStructSpec> structs, List<UnusedProcedureSpec> unused, List<IdlDiagnostic> diagnostics)
    {
        var byName = new Dictionary<string, ActionSpec>(StringComparer.Ordinal);
        var byNumber = new Dictionary<int, ActionSpec>();
        var byCSharpName = new Dictionary<string, ActionSpec>(StringComparer.Ordinal);
        var structsByName = new Dictionary<string, PublicStructSpec>(StringComparer.Ordinal);

        foreach (PublicStructSpec structure in structs)
        {
            if (structsByName.TryGetValue(structure.Name, out PublicStructSpec? first))
            {
                diagnostics.Add(ActionsDiagnostics.DuplicateStruct(structure.Location, structure.Name, first.Location));
            }
            else
            {
                structsByName.Add(structure.Name, structure);
            }
        }

        foreach (ActionSpec action in actions)
        {
            if (byName.TryGetValue(action.Name, out ActionSpec? first))
            {
                diagnostics.Add(ActionsDiagnostics.DuplicateActionName(action.Location, action.Name, first.Location));
                continue;
            }

            byName.Add(action.Name, action);

            if (byCSharpName.TryGetValue(action.CSharpName, out ActionSpec? sameCSharp))
            {
                diagnostics.Add(ActionsDiagnostics.DuplicateCSharpName(action.Location, action.Name, action.CSharpName, sameCSharp.Name));
            }
            else
            {
                byCSharpName.Add(action.CSharpName, action);
            }

            if (action.ProcedureNumber is int number)
            {
                if (byNumber.TryGetValue(number, out ActionSpec? other))
                {
                    diagnostics.Add(ActionsDiagnostics.DuplicateProcedureNumber(action.Location, action.Name, number, other.Name));
                }
                else
                {
                    byNumber.Add(number, action);
                }

                if (action.RuntimeImplemented)
                {
                    diagnostics.Add(ActionsDiagnostics.DaemonActionMarker(action.Location, action.Name, number, "runtime", "the runtime implements library-side actions only; remove the flag or the 'proc' clause"));
                }

                if (action.UnsupportedReason is not null)
                {
                    diagnostics.Add(ActionsDiagnostics.DaemonActionMarker(action.Location, action.Name, number, "unsupported", "every daemon action is generated; remove the 'unsupported:' clause"));
                }
            }
            else if (action.RuntimeImplemented && action.UnsupportedReason is not null)
            {
                diagnostics.Add(ActionsDiagnostics.InvalidClauseValue(action.Location, "unsupported", action.Name, "an action the runtime does not implement (remove 'runtime' or this clause)", action.UnsupportedReason));
            }

            if (action.OptionalArguments.Count > MaxOptionalArguments)
            {
                diagnostics.Add(ActionsDiagnostics.TooManyOptionalArguments(action.OptionalArguments[MaxOptionalArguments].Location, action.Name, action.OptionalArguments.Count));
            }

            var argumentNames = new HashSet<string>(StringComparer.Ordinal);
            foreach ((string argumentName, IdlLocation location) in action.Arguments.Select(a => (a.Name, a.Location)).Concat(action.OptionalArguments.Select(o => (o.Name, o.Location))))
            {
                if (!argumentNames.Add(argumentName))
                {
                    diagnostics.Add(ActionsDiagnostics.DuplicateArgumentName(location, action.Name, argumentName));
                }
            }

            CheckStreams(action, diagnostics);

            if (action.Return.StructName is { } structName && !structsByName.ContainsKey(structName))
            {
                diagnostics.Add(ActionsDiagnostics.UnknownReturnStruct(action.Location, action.Name, structName));
            }
        }

        foreach (ActionSpec action in actions)
        {
            if (action.DeprecatedBy is { } target && !byName.ContainsKey(target))
            {
                diagnostics.Add(ActionsDiagnostics.UnknownDeprecatedByTarget(action.Location, action.Name, target));
            }
        }

        foreach (UnusedProcedureSpec procedure in unused)
        {
            if (byName.TryGetValue(procedure.Name, out ActionSpec? action))
            {
                diagnostics.Add(ActionsDiagnostics.InvalidUnusedProcedure(procedure.Location, procedure.Name, "action '" + action.Name + "' exists at " + action.Location + "; remove one of them"));
            }
        }
    }

    private static void CheckStreams(ActionSpec action, List<IdlDiagnostic> diagnostics)
    {
        var streams = action.Arguments.Where(a => a.IsStream).ToList();
        if (streams.Count == 0)
        {
            return;
        }

        if (!action.IsDaemon)
        {
            diagnostics.Add(ActionsDiagnostics.InvalidStreamArguments(streams[0].Location, action.Name, "FileIn/FileOut arguments are only for daemon actions; '" + streams[0].Name + "' has no procedure to stream to"));
        }
        else if (streams.Count > 1)
        {
            diagnostics.Add(ActionsDiagnostics.InvalidStreamArguments(streams[1].Location, action.Name, "a daemon action can transfer at most one FileIn or FileOut stream; '" + streams[1].Name + "' is the second"));
        }
    }

    private sealed class ActionBuilder
    {
        public int? ProcedureNumber { get; set; }

        public List<OptionalArgumentSpec> OptionalArguments { get; } = new();

        public ActionVersionSpec? Added { get; set; }

        public HashSet<string> Flags { get; } = new(StringComparer.Ordinal);

        public string? DeprecatedBy { get; set; }

        public string? OptionalGroup { get; set; }

        public List<string> FishAliases { get; } = new();

        public FishOutputFormat FishOutput { get; set; }

        public ActionVisibility Visibility { get; set; }

        public string? CSharpName { get; set; }

        public string? UnsupportedReason { get; set; }

        public string? Summary { get; set; }

        public string? Description { get; set; }
    }
}
