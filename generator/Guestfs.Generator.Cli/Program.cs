using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using Guestfs.Generator.Model;
using Guestfs.Idl.Common;
using Guestfs.Idl.Xdr;

namespace Guestfs.Generator.Cli;

/// <summary>
/// <c>guestfs-gen --idl DIR --out DIR</c> writes what the source generator emits for an IDL directory;
/// <c>guestfs-gen xdr FILE.x --namespace NS --out DIR</c> writes XDR codecs, unions and program clients for any rpcgen file.
/// </summary>
public static class Program
{
    private const string Usage =
        "usage: guestfs-gen --idl DIR --out DIR [--clean]\n" +
        "       guestfs-gen xdr FILE.x --namespace NS --out DIR [--reference OTHER.x=NS]...\n" +
        "  --idl DIR     directory holding *.x and actions/*.actions (searched recursively)\n" +
        "  --out DIR     where the .g.cs files go (created if missing); unchanged files are not rewritten\n" +
        "  --clean       also delete *.g.cs files in --out that were not generated\n" +
        "  --namespace   namespace of the XDR records, unions, enums and program clients (xdr mode)\n" +
        "  --reference   an .x file whose types FILE.x uses, generated on its own into namespace NS (xdr mode;\n" +
        "                #include \"file.x\" lines are expanded and generated with FILE.x)";

    /// <summary>Entry point.</summary>
    /// <param name="args">Command-line arguments.</param>
    /// <returns>0 on success, 1 when the IDL has errors, 2 on bad usage.</returns>
    public static int Main(string[] args)
    {
        try
        {
            if (args.Length > 0 && args[0] == "xdr")
            {
                return RunXdr(args.Skip(1).ToArray());
            }

            return RunIdl(args);
        }
        catch (UsageException e)
        {
            Console.Error.WriteLine("guestfs-gen: " + e.Message);
            Console.Error.WriteLine(Usage);
            return 2;
        }
        catch (IOException e)
        {
            Console.Error.WriteLine("guestfs-gen: " + e.Message);
            return 1;
        }
    }

    private static int RunIdl(string[] args)
    {
        Dictionary<string, string?> options = ParseOptions(args, "--idl", "--out", "--clean");
        string idl = Require(options, "--idl");
        string output = Require(options, "--out");
        if (!Directory.Exists(idl))
        {
            throw new UsageException("no such directory: " + idl);
        }

        var inputs = Directory.EnumerateFiles(idl, "*", SearchOption.AllDirectories)
            .Where(static p => p.EndsWith(".x", StringComparison.OrdinalIgnoreCase) || p.EndsWith(".actions", StringComparison.OrdinalIgnoreCase))
            .OrderBy(static p => p, StringComparer.Ordinal)
            .Select(static p => (Path: p, Text: File.ReadAllText(p)))
            .ToList();
        (IReadOnlyList<GeneratedFileSpec> files, IReadOnlyList<IdlDiagnostic> diagnostics) = PipelineStages.Run(inputs, CancellationToken.None);
        return Finish(files, diagnostics, output, options.ContainsKey("--clean"));
    }

    private static int RunXdr(string[] args)
    {
        var positional = args.TakeWhile(static a => !a.StartsWith("--", StringComparison.Ordinal)).ToList();
        if (positional.Count != 1)
        {
            throw new UsageException("xdr needs exactly one .x file");
        }

        var references = new List<(string Path, string Namespace)>();
        var rest = new List<string>();
        for (int i = 1; i < args.Length; i++)
        {
            if (args[i] != "--reference")
            {
                rest.Add(args[i]);
                continue;
            }

            string reference = i + 1 < args.Length ? args[++i] : throw new UsageException("--reference needs a value");
            int equals = reference.LastIndexOf('=');
            if (equals <= 0 || equals == reference.Length - 1)
            {
                throw new UsageException("--reference takes OTHER.x=NAMESPACE: " + reference);
            }

            references.Add((reference.Substring(0, equals), reference.Substring(equals + 1)));
        }

        Dictionary<string, string?> options = ParseOptions(rest.ToArray(), "--namespace", "--out", "--clean");
        string ns = Require(options, "--namespace");
        string output = Require(options, "--out");
        string path = positional[0];
        (IReadOnlyList<GeneratedFileSpec> files, IReadOnlyList<IdlDiagnostic> diagnostics) = PipelineStages.RunXdrOnly(
            path, File.ReadAllText(path), ns, static p => File.Exists(p) ? File.ReadAllText(p) : null, references, CancellationToken.None);
        return Finish(files, diagnostics, output, options.ContainsKey("--clean"));
    }

    private static int Finish(IReadOnlyList<GeneratedFileSpec> files, IReadOnlyList<IdlDiagnostic> diagnostics, string output, bool clean)
    {
        foreach (IdlDiagnostic d in diagnostics)
        {
            Console.Error.WriteLine(d.ToString());
        }

        if (diagnostics.Any(static d => d.Severity == IdlSeverity.Error))
        {
            Console.Error.WriteLine("guestfs-gen: the IDL has errors; nothing was written");
            return 1;
        }

        Directory.CreateDirectory(output);
        int written = 0;
        foreach (GeneratedFileSpec file in files)
        {
            string target = Path.Combine(output, file.HintName);
            string text = file.Text.EndsWith("\n", StringComparison.Ordinal) ? file.Text : file.Text + "\n";
            if (File.Exists(target) && File.ReadAllText(target) == text)
            {
                continue;
            }

            File.WriteAllText(target, text, new UTF8Encoding(false));
            written++;
        }

        int deleted = 0;
        if (clean)
        {
            var names = new HashSet<string>(files.Select(static f => f.HintName), StringComparer.Ordinal);
            foreach (string stale in Directory.EnumerateFiles(output, "*.g.cs").Where(p => !names.Contains(Path.GetFileName(p))))
            {
                File.Delete(stale);
                deleted++;
            }
        }

        Console.WriteLine($"guestfs-gen: {files.Count} files, {written} written, {files.Count - written} unchanged{(clean ? $", {deleted} stale deleted" : string.Empty)}");
        return 0;
    }

    private static Dictionary<string, string?> ParseOptions(string[] args, params string[] known)
    {
        var options = new Dictionary<string, string?>(StringComparer.Ordinal);
        for (int i = 0; i < args.Length; i++)
        {
            string a = args[i];
            if (!known.Contains(a))
            {
                throw new UsageException("unknown argument: " + a);
            }

            if (a == "--clean")
            {
                options[a] = null;
                continue;
            }

            if (i + 1 >= args.Length)
            {
                throw new UsageException(a + " needs a value");
            }

            options[a] = args[++i];
        }

        return options;
    }

    private static string Require(Dictionary<string, string?> options, string name) =>
        options.TryGetValue(name, out string? value) && !string.IsNullOrEmpty(value) ? value! : throw new UsageException("missing " + name);

    private sealed class UsageException : Exception
    {
        public UsageException(string message)
            : base(message)
        {
        }
    }
}
