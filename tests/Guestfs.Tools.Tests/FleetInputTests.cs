using System.IO;
using System.Threading.Tasks;

namespace Guestfs.Tools.Tests;

/// <summary>guestfs-fleet's bad input, refused with a clear message before any appliance starts.</summary>
public sealed class FleetInputTests
{
    public static TheoryData<string[], string> Cases() => new()
    {
        { [], "give an action: inspect or run SCRIPT.gf" },
        { ["inspect"], "--images FILE is required" },
        { ["run", "--images", "IMAGES"], "run: give the script file" },
        { ["inspect", "--images", "IMAGES", "--parallel", "0"], "--parallel: '0' is not a number" },
        { ["inspect", "--images", "IMAGES", "--timeout", "soon"], "--timeout: 'soon' is not a number of seconds" },
        { ["inspect", "--images", "/nonexistent/list.txt"], "guestfs-fleet: error: /nonexistent/list.txt: Could not find" },
        { ["inspect", "--images", "EMPTY"], "no images in the list" },
        { ["inspect", "--images", "CONTROL"], ":2: a control character in the image name" },
        { ["inspect", "--images", "TWICE"], ":3: /a.img is listed twice (first on line 1)" },
        { ["inspect", "--images", "BADURI"], ":1: " },
        { ["inspect", "--images", "BINARY"], "not a text file" },
        { ["run", "/nonexistent/script.gf", "--images", "IMAGES"], "/nonexistent/script.gf: Could not find" },
        { ["inspect", "--rw", "--images", "IMAGES"], "--rw is for scripts" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task BadInput_ExitOne_WithAMessage_NoOutput(string[] args, string message)
    {
        string dir = Directory.CreateTempSubdirectory("fleet-input-").FullName;
        File.WriteAllText(Path.Combine(dir, "IMAGES"), "/a.img\n");
        File.WriteAllText(Path.Combine(dir, "EMPTY"), "# nothing\n\n");
        File.WriteAllText(Path.Combine(dir, "CONTROL"), "/a.img\n/b\u0007.img\n");
        File.WriteAllText(Path.Combine(dir, "TWICE"), "/a.img\n/b.img\n /a.img \n");
        File.WriteAllText(Path.Combine(dir, "BADURI"), "nbd://host:notaport/x\n");
        File.WriteAllBytes(Path.Combine(dir, "BINARY"), [0x7f, 0x45, 0xff, 0xfe, 0x0a]);

        ProgramResult run = await ExternalProgram.RunStockAsync(Path.Combine(RepositoryPaths.Root, "eng", "guestfs-fleet"), args, dir);

        Assert.True(run.ExitCode == 1, run.ToString());
        Assert.Contains(message, run.Stderr);
        Assert.Equal(string.Empty, run.Stdout);
        Directory.Delete(dir, recursive: true);
    }
}
