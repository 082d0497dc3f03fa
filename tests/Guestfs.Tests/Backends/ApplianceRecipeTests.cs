using System;
using System.IO;
using System.Runtime.Versioning;
using Guestfs.Backends.Direct;

namespace Guestfs.Tests.Backends;

/// <summary>
/// Where the appliance recipe (the script the library runs to build its appliance) may come from: the copy the
/// library installed beside its assembly, or the directory named by <c>GUESTFS_APPLIANCE_RECIPE</c>; nothing found
/// by walking up, nothing another user can write.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class ApplianceRecipeTests : IDisposable
{
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private readonly string _root = Directory.CreateTempSubdirectory("gfs-recipe-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Recipe(string parent)
    {
        string recipe = Path.Combine(parent, "appliance");
        Directory.CreateDirectory(recipe);
        File.WriteAllText(Path.Combine(recipe, "build.sh"), "echo planted\n");
        File.SetUnixFileMode(Path.Combine(recipe, "build.sh"), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.SetUnixFileMode(recipe, Private);
        return recipe;
    }

    [Fact]
    public void FindRecipe_PlantedInAParentOfTheApplication_IsNotUsed()
    {
        Recipe(_root);
        string application = Path.Combine(_root, "app", "bin");
        Directory.CreateDirectory(application);

        Assert.Null(ApplianceLocator.FindRecipe(configured: null, application));
    }

    [Fact]
    public void FindRecipe_TheTestsOwnOutput_IsTheCopyBesideTheAssembly()
    {
        // The library ships its recipe to its consumers' output; the repository's appliance/ above is not looked at.
        string? found = ApplianceLocator.FindRecipe();

        Assert.Equal(Path.Combine(AppContext.BaseDirectory, "appliance"), found);
    }

    [Fact]
    public void FindRecipe_BesideTheApplication_IsUsed()
    {
        string application = Path.Combine(_root, "app");
        Directory.CreateDirectory(application);
        File.SetUnixFileMode(application, Private);
        string recipe = Recipe(application);

        Assert.Equal(recipe, ApplianceLocator.FindRecipe(configured: null, application));
    }

    [Theory]
    [InlineData(UnixFileMode.GroupWrite)]
    [InlineData(UnixFileMode.OtherWrite)]
    public void FindRecipe_DirectoryWritableByOthers_IsRefusedNamingPathAndMode(UnixFileMode extra)
    {
        File.SetUnixFileMode(_root, Private);
        string recipe = Recipe(_root);
        File.SetUnixFileMode(recipe, Private | extra);

        var e = Assert.Throws<UnsafeApplianceRecipeException>(() => ApplianceLocator.FindRecipe(recipe, _root));

        Assert.Equal(recipe, e.Path);
        Assert.Contains(recipe, e.Message, StringComparison.Ordinal);
        Assert.Contains(Convert.ToString((int)(Private | extra), 8), e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FindRecipe_FileWritableByOthers_IsRefused()
    {
        File.SetUnixFileMode(_root, Private);
        string recipe = Recipe(_root);
        string script = Path.Combine(recipe, "build.sh");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherWrite);

        var e = Assert.Throws<UnsafeApplianceRecipeException>(() => ApplianceLocator.FindRecipe(recipe, _root));

        Assert.Equal(script, e.Path);
    }

    [Fact]
    public void FindRecipe_ParentWritableByOthers_IsRefused()
    {
        // Whoever can write the parent can rename the recipe directory away and put their own in its place.
        string parent = Path.Combine(_root, "shared");
        Directory.CreateDirectory(parent);
        string recipe = Recipe(parent);
        File.SetUnixFileMode(parent, Private | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute);

        var e = Assert.Throws<UnsafeApplianceRecipeException>(() => ApplianceLocator.FindRecipe(recipe, _root));

        Assert.Equal(parent, e.Path);
    }

    [Fact]
    public void FindRecipe_SymlinkInTheRecipe_IsRefused()
    {
        File.SetUnixFileMode(_root, Private);
        string recipe = Recipe(_root);
        string elsewhere = Path.Combine(_root, "elsewhere");
        File.WriteAllText(elsewhere, string.Empty);
        File.CreateSymbolicLink(Path.Combine(recipe, "init"), elsewhere);

        var e = Assert.Throws<UnsafeApplianceRecipeException>(() => ApplianceLocator.FindRecipe(recipe, _root));

        Assert.Equal(Path.Combine(recipe, "init"), e.Path);
    }

    [Theory]
    [InlineData("udevadm.c", false)]   // any recipe file, not only the ones an earlier build knew about
    [InlineData("init", false)]
    [InlineData("README.md", true)]    // the one file that is not an input
    public void IsCurrent_RecipeFileNewerThanTheBuild_MakesTheCacheStaleButTheReadme(string file, bool current)
    {
        string recipe = Recipe(_root);
        string cached = Path.Combine(_root, "appliance.d");
        Directory.CreateDirectory(cached);
        foreach (string built in new[] { "checksum", "root", "initrd", "kernel" })
        {
            File.WriteAllText(Path.Combine(cached, built), "x");
        }

        DateTime buildTime = DateTime.UtcNow + TimeSpan.FromHours(1);   // after any change to the package database
        File.SetLastWriteTimeUtc(Path.Combine(recipe, "build.sh"), buildTime - TimeSpan.FromHours(1));
        File.SetLastWriteTimeUtc(Path.Combine(cached, "checksum"), buildTime);
        Assert.True(ApplianceLocator.IsCurrent(cached, recipe));

        File.WriteAllText(Path.Combine(recipe, file), "changed after the build\n");
        File.SetLastWriteTimeUtc(Path.Combine(recipe, file), buildTime + TimeSpan.FromMinutes(1));

        Assert.Equal(current, ApplianceLocator.IsCurrent(cached, recipe));
    }
}
