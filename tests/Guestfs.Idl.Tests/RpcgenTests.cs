using System;
using System.Diagnostics;
using System.IO;

namespace Guestfs.Idl.Tests;

/// <summary>The stock rpcgen accepts the project's .x and gcc compiles what it writes (tools from eng/setup.sh).</summary>
public sealed class RpcgenTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("guestfs-rpcgen-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static (int ExitCode, string Output) Run(string program, string arguments, string workingDirectory)
    {
        var start = new ProcessStartInfo(program, arguments)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using Process process = Process.Start(start)!;
        string output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output);
    }

    private string CopyProtocol()
    {
        string target = Path.Combine(_directory, "guestfs_protocol.x");
        File.Copy(TestPaths.ProtocolFile, target);
        return target;
    }

    [Fact]
    public void Rpcgen_HeaderAndXdrRoutines_CompileWithGcc()
    {
        CopyProtocol();

        var header = Run("rpcgen", "-h -o guestfs_protocol.h guestfs_protocol.x", _directory);
        Assert.True(header.ExitCode == 0, "rpcgen -h: " + header.Output);
        var code = Run("rpcgen", "-c -o guestfs_protocol.c guestfs_protocol.x", _directory);
        Assert.True(code.ExitCode == 0, "rpcgen -c: " + code.Output);
        var gcc = Run("gcc", "-c -Wall -Wno-unused-variable -Werror -I/usr/include/tirpc -o guestfs_protocol.o guestfs_protocol.c", _directory);
        Assert.True(gcc.ExitCode == 0, "gcc: " + gcc.Output);

        Assert.True(new FileInfo(Path.Combine(_directory, "guestfs_protocol.o")).Length > 0);
        string headerText = File.ReadAllText(Path.Combine(_directory, "guestfs_protocol.h"));
        Assert.Contains("GUESTFS_PROC_MOUNT = 1", headerText);
        Assert.Contains("GUESTFS_PROC_INTERNAL_LXATTRLIST", headerText);
    }

    [Fact]
    public void Rpcgen_PrintedModel_CompilesWithGcc()
    {
        // What XdrPrinter writes is rpcgen input too.
        var (spec, _) = XdrTestHelpers.Compile(File.ReadAllText(TestPaths.ProtocolFile));
        File.WriteAllText(Path.Combine(_directory, "printed.x"), Guestfs.Idl.Xdr.XdrPrinter.Print(spec));

        Assert.Equal(0, Run("rpcgen", "-h -o printed.h printed.x", _directory).ExitCode);
        Assert.Equal(0, Run("rpcgen", "-c -o printed.c printed.x", _directory).ExitCode);
        var gcc = Run("gcc", "-c -I/usr/include/tirpc -o printed.o printed.c", _directory);
        Assert.True(gcc.ExitCode == 0, "gcc: " + gcc.Output);
    }
}
