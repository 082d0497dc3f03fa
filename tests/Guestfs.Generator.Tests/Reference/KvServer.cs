// An in-memory IRpcTransport serving Cases/RpcgenProgram/program.x, and a scenario that drives the generated clients
// through it. Compiled in memory with the generated code; RpcClientTests calls it by reflection.
#nullable enable
#pragma warning disable CS1591 // test scaffolding, compiled as if generated (documentation warnings count there)
using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Guestfs.Xdr;

namespace Kv;

public sealed class KvServer : IRpcTransport
{
    private readonly SortedDictionary<string, byte[]> _store = new(StringComparer.Ordinal);

    /// <summary>Every call seen: numbers, name and arguments in hex.</summary>
    public List<string> Calls { get; } = new();

    /// <summary>When set, replaces the next reply.</summary>
    public byte[]? NextReply { get; set; }

    public ValueTask<ReadOnlyMemory<byte>> CallAsync(RpcCall call, ReadOnlyMemory<byte> arguments, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Calls.Add($"{call.Program:x}/{call.Version}/{call.Procedure} {call.Name} {Convert.ToHexString(arguments.Span).ToLowerInvariant()}");
        byte[] reply = Serve(call, arguments.ToArray());
        if (NextReply is { } forced)
        {
            NextReply = null;
            reply = forced;
        }

        return new ValueTask<ReadOnlyMemory<byte>>(reply);
    }

    /// <summary>Calls every procedure of both versions and describes what came back.</summary>
    public static async Task<string> RunScenarioAsync()
    {
        var server = new KvServer();
        var v1 = new KvV1Client(server);
        IKvV2Client v2 = new KvV2Client(server);
        var lines = new List<string>();
        await v1.NullAsync();
        await v1.PutAsync(new KvPair("ab", new byte[] { 1, 2, 3 }));
        lines.Add("v1 get ab: " + Describe(await v1.GetAsync("ab")));
        lines.Add("v1 get zz: " + Describe(await v1.GetAsync("zz")));
        lines.Add("v1 keys: " + await v1.KeysAsync());
        await v2.NullAsync();
        lines.Add("v2 put: " + await v2.PutAsync("cd", new KvPair("ignored", new byte[] { 9 }), 7UL));
        lines.Add("v2 first: " + (await v2.FirstAsync()).Key);
        lines.Add("v2 count ok: " + await v2.CountAsync(KvStatus.Ok));
        lines.Add("v2 count missing: " + await v2.CountAsync(KvStatus.Missing));
        return string.Join("\n", lines.Concat(server.Calls));
    }

    /// <summary>Calls <c>KVPROC_GET</c> with <paramref name="reply"/> as the server's answer.</summary>
    public static async Task<string> GetWithReplyAsync(byte[] reply)
    {
        var server = new KvServer { NextReply = reply };
        return Describe(await new KvV1Client(server).GetAsync("ab"));
    }

    /// <summary>Calls <c>KVPROC_NULL</c> with <paramref name="reply"/> as the server's answer.</summary>
    public static async Task NullWithReplyAsync(byte[] reply) => await new KvV1Client(new KvServer { NextReply = reply }).NullAsync();

    /// <summary>A key longer than <c>KV_KEY_MAX</c>: refused before anything is sent.</summary>
    public static async Task<int> GetTooLongKeyAsync()
    {
        var server = new KvServer();
        try
        {
            await new KvV1Client(server).GetAsync(new string('k', 65));
        }
        catch (XdrException)
        {
            return server.Calls.Count;
        }

        throw new InvalidOperationException("the key was sent");
    }

    private static string Describe(KvLookup lookup) => lookup switch
    {
        KvLookup.Ok ok => "ok " + Convert.ToHexString(ok.Value).ToLowerInvariant(),
        KvLookup.Missing => "missing",
        _ => "?",
    };

    private byte[] Serve(RpcCall call, byte[] arguments)
    {
        var reader = new XdrReader(arguments);
        switch ((call.Version, call.Procedure))
        {
            case (1, (uint)KvV1Procedure.Null) or (2, (uint)KvV2Procedure.Null):
                return [];
            case (1, (uint)KvV1Procedure.Get) or (2, (uint)KvV2Procedure.Get):
                string key = reader.ReadString(64);
                reader.ExpectEnd();
                return XdrRpc.Encode<KvLookup>(_store.TryGetValue(key, out byte[]? value) ? new KvLookup.Ok(value) : new KvLookup.Missing(), static (ref XdrWriter w, KvLookup v) => v.Encode(ref w));
            case (1, (uint)KvV1Procedure.Put):
                KvPair pair = KvPair.Decode(ref reader);
                reader.ExpectEnd();
                _store[pair.Key] = pair.Value;
                return [];
            case (1, (uint)KvV1Procedure.Keys):
                return XdrRpc.Encode(string.Join(",", _store.Keys), static (ref XdrWriter w, string v) => w.WriteString(v, 64));
            case (2, (uint)KvV2Procedure.Put):
                string newKey = reader.ReadString(64);
                KvPair other = KvPair.Decode(ref reader);
                ulong times = reader.ReadUInt64();
                reader.ExpectEnd();
                bool existed = _store.ContainsKey(newKey);
                _store[newKey] = Enumerable.Repeat(other.Value, (int)times).SelectMany(static b => b).ToArray();
                return XdrRpc.Encode(!existed, static (ref XdrWriter w, bool v) => w.WriteBool(v));
            case (2, (uint)KvV2Procedure.First):
                KeyValuePair<string, byte[]> first = _store.First();
                return XdrRpc.Encode(new KvPair(first.Key, first.Value), static (ref XdrWriter w, KvPair v) => v.Encode(ref w));
            case (2, (uint)KvV2Procedure.Count):
                var status = (KvStatus)reader.ReadInt32();
                reader.ExpectEnd();
                return XdrRpc.Encode(status == KvStatus.Ok ? _store.Count : 0, static (ref XdrWriter w, int v) => w.WriteInt32(v));
            default:
                throw new InvalidOperationException("no procedure " + call.Procedure);
        }
    }
}
