using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading.Tasks;
using Guestfs.Generator.Model;
using Guestfs.Generator.Tests.Support;
using Guestfs.Idl.Common;

namespace Guestfs.Generator.Tests;

/// <summary>
/// The clients <c>guestfs-gen xdr</c> generates for <c>program</c>/<c>version</c> definitions
/// (<c>Cases/RpcgenProgram</c>), called through an in-memory <c>IRpcTransport</c> (<c>Reference/KvServer.cs</c>) that
/// serves the program with the generated decoders and encoders.
/// </summary>
public sealed class RpcClientTests
{
    private static readonly Lazy<Type> s_server = new(Build);

    [Fact]
    public async Task Clients_EveryProcedureOfBothVersions_CallsWithTheRightNumbersAndBytes()
    {
        string transcript = await Invoke<string>("RunScenarioAsync");

        Assert.Equal(
            """
            v1 get ab: ok 010203
            v1 get zz: missing
            v1 keys: ab
            v2 put: True
            v2 first: ab
            v2 count ok: 2
            v2 count missing: 0
            20000099/1/0 KVPROC_NULL 
            20000099/1/2 KVPROC_PUT 00000002616200000000000301020300
            20000099/1/1 KVPROC_GET 0000000261620000
            20000099/1/1 KVPROC_GET 000000027a7a0000
            20000099/1/3 KVPROC_KEYS 
            20000099/2/0 KVPROC2_NULL 
            20000099/2/2 KVPROC2_PUT 00000002636400000000000769676e6f7265640000000001090000000000000000000007
            20000099/2/3 KVPROC2_FIRST 
            20000099/2/4 KVPROC2_COUNT 00000000
            20000099/2/4 KVPROC2_COUNT 00000001
            """,
            transcript);
    }

    [Fact]
    public async Task Client_ReplyWithTrailingBytes_ThrowsXdrException()
    {
        Exception e = await Assert.ThrowsAnyAsync<Exception>(() => Invoke<string>("GetWithReplyAsync", new byte[] { 0, 0, 0, 1, 0, 0, 0, 0 }));

        Assert.Equal("Guestfs.Xdr.XdrException", e.GetType().FullName);
        Assert.Contains("4 unexpected trailing bytes", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Client_ReplyWithADiscriminantOfNoArm_ThrowsXdrException()
    {
        Exception e = await Assert.ThrowsAnyAsync<Exception>(() => Invoke<string>("GetWithReplyAsync", new byte[] { 0, 0, 0, 9 }));

        Assert.Equal("Guestfs.Xdr.XdrException", e.GetType().FullName);
        Assert.Contains("discriminant 9 of union kv_lookup selects no arm", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Client_VoidProcedureAnsweredWithBytes_ThrowsXdrException()
    {
        Exception e = await Assert.ThrowsAnyAsync<Exception>(() => Invoke<object?>("NullWithReplyAsync", new byte[] { 0, 0, 0, 0 }));

        Assert.Equal("Guestfs.Xdr.XdrException", e.GetType().FullName);
    }

    [Fact]
    public async Task Client_ArgumentOverItsDeclaredMaximum_IsRefusedBeforeTheCall()
    {
        Assert.Equal(0, await Invoke<int>("GetTooLongKeyAsync"));
    }

    private static async Task<T> Invoke<T>(string method, params object[] arguments)
    {
        var task = (Task)s_server.Value.GetMethod(method, BindingFlags.Public | BindingFlags.Static)!.Invoke(null, arguments)!;
        await task;
        return task.GetType().GetProperty("Result") is { } result && typeof(T) != typeof(object) ? (T)result.GetValue(task)! : default!;
    }

    private static Type Build()
    {
        string input = Path.Combine(RepoPaths.Cases, "RpcgenProgram", "program.x");
        (IReadOnlyList<GeneratedFileSpec> files, IReadOnlyList<IdlDiagnostic> diagnostics) = PipelineStages.RunXdrOnly(input, File.ReadAllText(input), "Kv");
        Assert.Empty(diagnostics);
        var sources = files.ToDictionary(static f => f.HintName, static f => f.Text);
        sources["KvServer.cs"] = File.ReadAllText(Path.Combine(RepoPaths.Reference, "KvServer.cs"));
        var compilation = GeneratedCodeCompiler.Compile(sources, withStandIn: false);
        var problems = GeneratedCodeCompiler.Problems(compilation);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        return GeneratedCodeCompiler.Load(compilation).GetType("Kv.KvServer", throwOnError: true)!;
    }
}
