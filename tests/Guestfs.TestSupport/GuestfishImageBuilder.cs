using System;
using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;

namespace Guestfs.TestSupport;

/// <summary>
/// Builds guest disk images with one stock guestfish run: the files a script uploads are written into the
/// directory first, then <c>guestfish -f</c> runs the script there (so relative names in <c>sparse</c> and
/// <c>upload</c> resolve in it). Shared by the test projects that compare with stock: linked into each of them.
/// </summary>
internal static class GuestfishImageBuilder
{
    /// <summary>Writes <paramref name="files"/> into <paramref name="directory"/> and runs <paramref name="script"/> there.</summary>
    /// <exception cref="InvalidOperationException">guestfish failed; the message holds its standard error.</exception>
    public static async Task BuildAsync(string directory, IReadOnlyDictionary<string, byte[]> files, string script, string scriptName = "build.gfs")
    {
        foreach (var (name, content) in files)
        {
            await File.WriteAllBytesAsync(Path.Combine(directory, name), content);
        }

        string path = Path.Combine(directory, scriptName);
        await File.WriteAllTextAsync(path, script);
        var made = await ExternalProgram.RunStockAsync("guestfish", ["-f", path], directory);
        if (made.ExitCode != 0)
        {
            throw new InvalidOperationException($"building the guest image with {scriptName} failed ({made.ExitCode}): {made.Stderr}");
        }
    }
}
