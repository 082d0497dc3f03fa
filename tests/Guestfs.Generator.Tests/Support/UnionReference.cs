using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.ExceptionServices;
using Guestfs.Generator.Model;
using Guestfs.Idl.Common;
using Microsoft.CodeAnalysis.CSharp;

namespace Guestfs.Generator.Tests.Support;

/// <summary>
/// Both codecs of <c>Cases/RpcgenUnions/unions.x</c>: the C# the generator emits (compiled in memory with
/// <c>Reference/UnionSamples.cs</c>), and rpcgen's routines linked with libtirpc and <c>Reference/unions_main.c</c> in a
/// temporary directory. Built once per test class.
/// </summary>
public sealed class UnionReference : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("guestfs-unions-").FullName;
    private readonly Type _samples;

    public UnionReference()
    {
        string input = Path.Combine(RepoPaths.Cases, "RpcgenUnions", "unions.x");
        (IReadOnlyList<GeneratedFileSpec> files, IReadOnlyList<IdlDiagnostic> diagnostics) = PipelineStages.RunXdrOnly(input, File.ReadAllText(input), "Sample.Protocol");
        if (diagnostics.Count > 0)
        {
            throw new InvalidOperationException(string.Join("\n", diagnostics));
        }

        var sources = files.ToDictionary(static f => f.HintName, static f => f.Text);
        sources["UnionSamples.cs"] = File.ReadAllText(Path.Combine(RepoPaths.Reference, "UnionSamples.cs"));
        CSharpCompilation compilation = GeneratedCodeCompiler.Compile(sources, withStandIn: false);
        _samples = GeneratedCodeCompiler.Load(compilation).GetType("Sample.Protocol.UnionSamples", throwOnError: true)!;

        File.Copy(input, Path.Combine(_directory, "unions.x"));
        File.Copy(Path.Combine(RepoPaths.Reference, "unions_main.c"), Path.Combine(_directory, "unions_main.c"));
        Tool("rpcgen", "-h", "-o", "unions.h", "unions.x");
        Tool("rpcgen", "-c", "-o", "unions_xdr.c", "unions.x");
        Tool("gcc", "-O1", "-w", "-I/usr/include/tirpc", "-o", "unions", "unions_main.c", "unions_xdr.c", "-ltirpc");
    }

    /// <summary>The names of the samples both sides build.</summary>
    public IReadOnlyList<string> Names => ((IEnumerable<string>)Call("get_Names")!).ToList();

    /// <summary>The rpcgen type of a sample.</summary>
    public string TypeOf(string name) => (string)Call("TypeOf", name)!;

    /// <summary>The generated C# encoding of a sample.</summary>
    public byte[] Encode(string name) => (byte[])Call("Encode", name)!;

    /// <summary>The generated C# decoder then encoder over <paramref name="bytes"/> (every byte must be used).</summary>
    public byte[] RoundTrip(string type, byte[] bytes) => (byte[])Call("RoundTrip", type, bytes)!;

    /// <summary>Calls another static member of <c>UnionSamples</c>.</summary>
    public object? Call(string method, params object[] arguments)
    {
        try
        {
            return _samples.GetMethod(method, BindingFlags.Public | BindingFlags.Static)!.Invoke(null, arguments);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            ExceptionDispatchInfo.Capture(e.InnerException).Throw();
            throw;
        }
    }

    /// <summary>Runs the libtirpc program (<c>encode SAMPLE</c> or <c>roundtrip TYPE</c>) with <paramref name="input"/> on stdin.</summary>
    /// <returns>Its exit code and standard output.</returns>
    public (int ExitCode, byte[] Output) Libtirpc(string mode, string argument, byte[] input)
    {
        var start = new ProcessStartInfo(Path.Combine(_directory, "unions"))
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(mode);
        start.ArgumentList.Add(argument);
        using Process process = Process.Start(start)!;
        using var output = new MemoryStream();
        System.Threading.Tasks.Task copy = process.StandardOutput.BaseStream.CopyToAsync(output);
        try
        {
            process.StandardInput.BaseStream.Write(input);
            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The program stopped reading; its exit code tells why.
        }

        copy.Wait();
        process.WaitForExit();
        return (process.ExitCode, output.ToArray());
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private void Tool(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = _directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"'{program}' is needed (Debian packages rpcsvc-proto, gcc, libtirpc-dev; eng/setup.sh installs them): {e.Message}", e);
        }

        using (process)
        {
            string text = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed ({process.ExitCode}): {text}");
            }
        }
    }
}
