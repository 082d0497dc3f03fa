using System;
using System.IO;
using Guestfs.Backends.Direct;

namespace Guestfs.Tests.Backends;

/// <summary>How the library finds the programs it starts (qemu, qemu-img, the build's tools): a name with a slash is
/// taken as a path, any other is looked up on the search path, first match wins.</summary>
public sealed class ResolveProgramTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("guestfs-resolve-test-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Program(string directory, string name)
    {
        string dir = Directory.CreateDirectory(Path.Combine(_root, directory)).FullName;
        string path = Path.Combine(dir, name);
        File.WriteAllText(path, "#!/bin/sh\n");
        return path;
    }

    [Fact]
    public void Name_FoundInTheFirstDirectoryOfThePathThatHasIt()
    {
        Program("b", "tool");
        string second = Program("c", "tool");
        string searchPath = string.Join(':', Path.Combine(_root, "a"), Path.Combine(_root, "c"), Path.Combine(_root, "b"));

        Assert.Equal(second, ProcessRunner.ResolveProgram("tool", searchPath));
        Assert.Null(ProcessRunner.ResolveProgram("other", searchPath));
    }

    [Fact]
    public void NameWithASlash_TakenAsAPathAndNeverSearched()
    {
        string tool = Program("b", "tool");
        string searchPath = Path.Combine(_root, "b");

        Assert.Equal(tool, ProcessRunner.ResolveProgram(tool, string.Empty));
        Assert.Null(ProcessRunner.ResolveProgram("./tool", searchPath));
        Assert.Null(ProcessRunner.ResolveProgram(Path.Combine(_root, "missing", "tool"), searchPath));
    }
}
