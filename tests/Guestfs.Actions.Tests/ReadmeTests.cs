using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Guestfs.Idl.Actions;

namespace Guestfs.Actions.Tests;

public class ReadmeTests
{
    [Fact]
    public void Readme_ExampleBlocks_ParseAndBindWithoutDiagnostics()
    {
        string readme = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "idl", "README.md"));
        var blocks = Regex.Matches(readme, "```[a-z]*\\n(.*?)```", RegexOptions.Singleline)
            .Select(m => Regex.Replace(m.Groups[1].Value, "^   ", string.Empty, RegexOptions.Multiline))
            .Where(b => b.TrimStart().StartsWith("action ", System.StringComparison.Ordinal) || b.TrimStart().StartsWith("struct ", System.StringComparison.Ordinal))
            .ToList();

        ActionsBindResult result = ActionsBinder.ParseAndBind([("README.actions", "group readme\n" + string.Join("\n", blocks))]);

        Assert.Empty(result.Diagnostics.Select(d => d.ToString()));
        Assert.Equal(["fs_label_length", "mount_options"], result.Spec.Actions.Select(a => a.Name).OrderBy(n => n));
        Assert.Equal("LvmPv", Assert.Single(result.Spec.Structs).CSharpName);
    }
}
