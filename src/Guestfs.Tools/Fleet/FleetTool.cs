using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Gfish.Execution;
using Guestfs.Fleet;
using Guestfs.Tools.Common;
using Guestfs.Tools.Inspector;

namespace Guestfs.Tools.Fleet;

/// <summary>
/// <c>guestfs-fleet inspect|run SCRIPT --images FILE [--out FILE] [--parallel N] [--timeout S] [--format F] [--rw]</c>:
/// inspects, or runs a gfish script on, every image of a list with <see cref="FleetRunner"/> (each image on its own
/// appliance, from the warm pool), one JSON line per image to standard output or <c>--out</c>, resumable.
/// </summary>
internal static class FleetTool
{
    /// <summary>Exit status when the run finished but some images failed (their lines say why).</summary>
    public const int SomeImagesFailed = 2;

    private static readonly Getopt s_getopt = new("",
    [
        new("format", ArgumentKind.Required),
        new("help", ArgumentKind.None, LongOption.Help),
        new("images", ArgumentKind.Required),
        new("out", ArgumentKind.Required),
        new("parallel", ArgumentKind.Required),
        new("rw", ArgumentKind.None),
        new("timeout", ArgumentKind.Required),
    ]);

    /// <summary>Runs guestfs-fleet.</summary>
    /// <param name="context">The context.</param>
    /// <param name="args">The arguments.</param>
    /// <param name="cancellationToken">Cancels the run (finished lines stay written).</param>
    /// <returns>0 when every image has a result, <see cref="SomeImagesFailed"/> when some failed, 1 on bad input.</returns>
    public static async Task<int> RunAsync(ToolContext context, IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        string? imagesPath = null, outPath = null, format = null;
        int parallel = 0;
        TimeSpan? timeout = null;
        bool readWrite = false;
        var operands = new List<string>();
        foreach (ParsedOption option in s_getopt.Parse(args, operands))
        {
            switch (option.Key)
            {
                case "help":
                    throw new ToolExitException(string.Empty, 0) { Output = Help(context.Name) };
                case "images":
                    imagesPath = option.Value;
                    break;
                case "out":
                    outPath = option.Value;
                    break;
                case "format":
                    format = option.Value;
                    break;
                case "rw":
                    readWrite = true;
                    break;
                case "parallel":
                    if (!int.TryParse(option.Value, NumberStyles.None, CultureInfo.InvariantCulture, out parallel) || parallel < 1)
                    {
                        throw new UsageException($"--parallel: '{option.Value}' is not a number of images (1 or more)");
                    }

                    break;
                case "timeout":
                    if (!double.TryParse(option.Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double seconds) ||
                        seconds <= 0 || seconds > TimeSpan.MaxValue.TotalSeconds / 2)
                    {
                        throw new UsageException($"--timeout: '{option.Value}' is not a number of seconds (more than 0)");
                    }

                    timeout = TimeSpan.FromSeconds(seconds);
                    break;
            }
        }

        (string action, string? scriptPath) = operands switch
        {
            ["inspect"] => ("inspect", (string?)null),
            ["run", var file] => ("run", file),
            ["run"] => throw new UsageException("run: give the script file: run SCRIPT.gf --images FILE"),
            [] => throw new UsageException("give an action: inspect or run SCRIPT.gf"),
            _ => throw new UsageException($"unknown action or extra arguments: {string.Join(' ', operands)}"),
        };
        if (imagesPath is null)
        {
            throw new UsageException("--images FILE is required (one image path or URI a line)");
        }

        if (action == "inspect" && readWrite)
        {
            throw new UsageException("--rw is for scripts that change images; inspect reads them only");
        }

        string? script = null;
        if (scriptPath is not null)
        {
            try
            {
                script = await File.ReadAllTextAsync(scriptPath, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw context.Error($"{scriptPath}: {e.Message}");
            }
        }

        IReadOnlyList<string> images = ImageList.Read(context, imagesPath);
        using FleetOutput output = outPath is null ? FleetOutput.ToStream(context.Stdout) : FleetOutput.OpenFile(context, outPath);
        if (output.Done.Count > 0)
        {
            context.Stderr.Write(string.Create(CultureInfo.InvariantCulture,
                $"{context.Name}: {images.Count(output.Done.Contains)} of {images.Count} images already done in {outPath}; skipping them\n"));
        }

        Func<GuestfsHandle, string, CancellationToken, Task<byte[]>> work = script is null
            ? InspectAsync(context)
            : RunScriptAsync(context, script, scriptPath!);
        var options = new FleetOptions
        {
            MaxParallelism = parallel,
            ImageTimeout = timeout,
            ReadOnly = !readWrite,
            Format = format,
        };
        var progress = new FleetProgress(Console.IsErrorRedirected ? null : context.Stderr, images.Count, images.Count(output.Done.Contains), DateTimeOffset.UtcNow);
        int failed = 0;
        await foreach (FleetResult<byte[]> result in FleetRunner.RunAsync(images.Where(i => !output.Done.Contains(i)), work, options, cancellationToken).ConfigureAwait(false))
        {
            output.Write(result.Image, result.Value, result.Error, result.Elapsed);
            failed += result.Succeeded ? 0 : 1;
            progress.Finished(!result.Succeeded, DateTimeOffset.UtcNow);
        }

        progress.End();
        return failed == 0 ? 0 : SomeImagesFailed;
    }

    /// <summary>Inspection as <c>virt-inspector --json --no-applications --no-icon</c> gives it, compact.</summary>
    private static Func<GuestfsHandle, string, CancellationToken, Task<byte[]>> InspectAsync(ToolContext context) =>
        async (g, image, cancellationToken) =>
        {
            IReadOnlyList<string> roots = await g.InspectOsAsync(cancellationToken).ConfigureAwait(false);
            var collector = new InspectionCollector(g, context with { Stderr = TextWriter.Null }, readOnly: true);
            var reports = new List<OperatingSystemReport>();
            foreach (string root in roots)
            {
                reports.Add(await collector.CollectAsync(root, applications: false, icon: false, cancellationToken).ConfigureAwait(false));
            }

            var buffer = new MemoryStream();
            using (var json = new Utf8JsonWriter(buffer))
            {
                InspectionJson.WriteDocument(json, reports);
            }

            return buffer.ToArray();
        };

    /// <summary>The script run by gfish's engine on the launched handle: <c>{"output":"…"}</c>, or a <see cref="FleetScriptException"/>.</summary>
    private static Func<GuestfsHandle, string, CancellationToken, Task<byte[]>> RunScriptAsync(ToolContext context, string script, string scriptPath) =>
        async (g, image, cancellationToken) =>
        {
            var stdout = new MemoryStream();
            var stderr = new StringWriter(CultureInfo.InvariantCulture);
            bool ok = await HandleScript.RunAsync(g, script, scriptPath, context.Name, stdout, stderr, cancellationToken).ConfigureAwait(false);
            string text = Encoding.UTF8.GetString(stdout.ToArray());
            if (!ok)
            {
                throw new FleetScriptException(stderr.ToString().TrimEnd('\n'), text);
            }

            var buffer = new MemoryStream();
            using (var json = new Utf8JsonWriter(buffer))
            {
                json.WriteStartObject();
                json.WriteString("output", text);
                json.WriteEndObject();
            }

            return buffer.ToArray();
        };

    private static string Help(string name) => $"""
        {name}: inspect, or run a gfish script on, many disk images
        Usage:
          {name} inspect --images FILE [options]
          {name} run SCRIPT.gf --images FILE [options]
        Options:
          --images FILE     the images, one path or URI a line (# starts a comment)
          --out FILE        write the results there (default: standard output); an existing
                            file is resumed: images with a result are skipped, failed ones
                            are tried again
          --parallel N      images at once (default: by processors and memory)
          --timeout S       time limit per image, in seconds
          --format FMT      the images' format (raw, qcow2); default: probe each
          --rw              add the images read-write (run only; default read-only)
        Output: one JSON object a line per image: image, result or error (type, message),
        elapsed_s, finished. Exit status: 0 every image done, 2 some failed, 1 bad input.

        """;
}
