using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;

namespace Guestfs.Tools.Tests;

/// <summary>
/// guestfs-fleet on real images: two copies of the Debian-like guest, a disk with no operating system and a missing
/// image; one JSON line per image, the failure typed, a rerun that skips what is done and retries what failed;
/// a gfish script per image.
/// </summary>
[Trait("Category", "Appliance")]
[Collection(GuestImagesCollection.Name)]
public sealed class FleetCommandTests
{
    private readonly GuestImages _images;

    public FleetCommandTests(GuestImages images)
    {
        _images = images;
    }

    private static string Fleet => Path.Combine(RepositoryPaths.Root, "eng", "guestfs-fleet");

    [Fact]
    public async Task Inspect_OneLinePerImage_BadImageTyped_RerunSkipsDoneAndRetriesFailed()
    {
        string dir = Directory.CreateTempSubdirectory("fleet-inspect-").FullName;
        string debian = await _images.DebianAsync();
        string a = Copy(debian, dir, "a.img"), b = Copy(debian, dir, "b.img");
        string blank = Path.Combine(dir, "blank.img");
        using (FileStream file = File.Create(blank))
        {
            file.SetLength(16 << 20);
        }

        string missing = Path.Combine(dir, "missing.img");
        string list = Path.Combine(dir, "images.txt");
        File.WriteAllText(list, $"# the fleet\n{a}\n{b}\n\n{blank}\n{missing}\n");
        string output = Path.Combine(dir, "out.jsonl");

        ProgramResult first = await ExternalProgram.RunStockAsync(Fleet, ["inspect", "--images", list, "--out", output, "--parallel", "2", "--format", "raw"], dir);

        Assert.True(first.ExitCode == 2, first.ToString()); // finished, one image failed
        Dictionary<string, JsonElement> lines = ReadLines(output);
        Assert.Equal([a, b, blank, missing], lines.Keys.Order());
        foreach (string debianCopy in new[] { a, b })
        {
            JsonElement os = Assert.Single(lines[debianCopy].GetProperty("result").GetProperty("operatingsystems").EnumerateArray());
            Assert.Equal("/dev/debvg/root", os.GetProperty("root").GetString());
            Assert.Equal("debian", os.GetProperty("distro").GetString());
            Assert.Equal("debtest", os.GetProperty("hostname").GetString());
            Assert.Equal(12, os.GetProperty("major_version").GetInt32());
        }

        Assert.Empty(lines[blank].GetProperty("result").GetProperty("operatingsystems").EnumerateArray());
        JsonElement error = lines[missing].GetProperty("error");
        Assert.False(lines[missing].TryGetProperty("result", out _));
        Assert.False(string.IsNullOrEmpty(error.GetProperty("type").GetString()));
        Assert.Contains(missing, error.GetProperty("message").GetString());
        Assert.All(lines.Values, l => Assert.True(l.GetProperty("elapsed_s").GetDouble() >= 0));
        Assert.True(lines[a].GetProperty("elapsed_s").GetDouble() > 0);
        Assert.All(lines.Values, l => DateTimeOffset.Parse(l.GetProperty("finished").GetString()!, System.Globalization.CultureInfo.InvariantCulture));

        // The missing image appears; the rerun does only that one and keeps the others' lines as they were.
        File.Copy(blank, missing);
        ProgramResult second = await ExternalProgram.RunStockAsync(Fleet, ["inspect", "--images", list, "--out", output, "--format", "raw"], dir);

        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.Contains("3 of 4 images already done", second.Stderr);
        Dictionary<string, JsonElement> after = ReadLines(output);
        Assert.Equal(4, File.ReadAllLines(output).Length);
        Assert.Empty(after[missing].GetProperty("result").GetProperty("operatingsystems").EnumerateArray());
        foreach (string done in new[] { a, b, blank })
        {
            Assert.Equal(lines[done].GetProperty("finished").GetString(), after[done].GetProperty("finished").GetString());
        }

        Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public async Task Run_ScriptPerImage_OutputInResult_ScriptErrorTyped()
    {
        string dir = Directory.CreateTempSubdirectory("fleet-run-").FullName;
        string debian = Copy(await _images.DebianAsync(), dir, "guest.img");
        string blank = Path.Combine(dir, "blank.img");
        using (FileStream file = File.Create(blank))
        {
            file.SetLength(16 << 20);
        }

        string list = Path.Combine(dir, "images.txt");
        File.WriteAllText(list, $"{debian}\n{blank}\n");
        string script = Path.Combine(dir, "hostname.gf");
        File.WriteAllText(script, "mount-ro /dev/debvg/root /\ncat /etc/hostname\n");

        ProgramResult run = await ExternalProgram.RunStockAsync(Fleet, ["run", script, "--images", list, "--format", "raw"], dir);

        Assert.True(run.ExitCode == 2, run.ToString());
        Dictionary<string, JsonElement> lines = ReadText(run.Stdout);
        Assert.Equal("debtest\n\n", lines[debian].GetProperty("result").GetProperty("output").GetString()); // the file, then the newline gfish prints after a string
        JsonElement error = lines[blank].GetProperty("error");
        Assert.Equal("FleetScriptException", error.GetProperty("type").GetString());
        Assert.Contains("mount", error.GetProperty("message").GetString());
        Directory.Delete(dir, recursive: true);
    }

    private static string Copy(string image, string dir, string name)
    {
        string copy = Path.Combine(dir, name);
        File.Copy(image, copy);
        return copy;
    }

    private static Dictionary<string, JsonElement> ReadLines(string path) => ReadText(File.ReadAllText(path));

    private static Dictionary<string, JsonElement> ReadText(string text) => text
        .Split('\n', StringSplitOptions.RemoveEmptyEntries)
        .Select(line => JsonDocument.Parse(line).RootElement)
        .ToDictionary(e => e.GetProperty("image").GetString()!);
}
