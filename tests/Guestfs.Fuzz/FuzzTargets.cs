using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Guestfs.Backends.Direct;
using Guestfs.Host;
using Guestfs.Protocol;
using Guestfs.Xdr;
using Microsoft.Extensions.Logging.Abstractions;

namespace Guestfs.Fuzz;

/// <summary>
/// The fuzz targets. Each takes one input and returns normally for every outcome the code under test documents
/// (a value, or the exception types it names); anything else is thrown on as a crash, wrapped in
/// <see cref="FuzzFinding"/>. Every target runs to the end synchronously on input that ends, so a call that is
/// still pending afterwards is a hang; a loop that never ends is a hang for afl-fuzz's <c>-t</c>.
/// </summary>
internal static class FuzzTargets
{
    /// <summary>The procedure every <c>frame</c> input answers (any number works; the seeds use it).</summary>
    public const Procedure FrameProcedure = (Procedure)1;

    private static readonly List<(string Name, Func<byte[], Exception?> Decode)> s_codecs = FindCodecs();
    private static readonly List<(string Name, Func<byte[], bool, Task> Call)> s_calls = FindCalls();

    /// <summary>Every target by name, with how many leading bytes of its input select what to decode (left alone by the smoke mutator).</summary>
    public static readonly IReadOnlyDictionary<string, (Action<byte[]> Run, int SelectorLength)> All = new Dictionary<string, (Action<byte[]>, int)>
    {
        ["frame"] = (Frame, 2),
        ["codecs"] = (Codecs, 2),
        ["archive"] = (Archive, 0),
        ["handshake"] = (Handshake, 0),
        ["partition"] = (Partition, 0),
    };

    public static IReadOnlyList<string> CodecNames => s_codecs.Select(c => c.Name).ToList();

    /// <summary>The selector that makes <see cref="Frame"/> decode <typeparamref name="T"/> (and download if asked).</summary>
    public static byte[] FrameSelector<T>(bool download)
    {
        int index = s_calls.FindIndex(c => c.Name == typeof(T).FullName);
        int selector = (index << 1) | (download ? 1 : 0);
        return [(byte)(selector >> 8), (byte)selector];
    }

    /// <summary>
    /// <c>frame</c>: bytes 0-1 (big-endian) pick the <c>_ret</c> type (and, if odd, a download follows); the rest is everything
    /// the daemon sends after the call: framing, flags, progress, the reply header, error or ret, and chunks.
    /// </summary>
    public static void Frame(byte[] input)
    {
        if (input.Length < 2)
        {
            return;
        }

        int selector = (input[0] << 8) | input[1];
        (string name, Func<byte[], bool, Task> call) = s_calls[(selector >> 1) % s_calls.Count];
        Task task = call(input[2..], (selector & 1) != 0);
        if (!task.IsCompleted)
        {
            throw new FuzzFinding($"{name}: the call did not finish on input that ends (a hang)", null);
        }

        if (task.Exception?.InnerException is { } e && e is not GuestfsException)
        {
            throw new FuzzFinding($"{name}: untyped failure {e.GetType().FullName}", e);
        }
    }

    /// <summary><c>codecs</c>: bytes 0-1 (big-endian) pick the codec (every <see cref="IXdrDecodable{TSelf}"/> in the library); the rest is its input.</summary>
    public static void Codecs(byte[] input)
    {
        if (input.Length < 2)
        {
            return;
        }

        (string name, Func<byte[], Exception?> decode) = s_codecs[((input[0] << 8) | input[1]) % s_codecs.Count];
        if (decode(input[2..]) is { } e && e is not XdrException)
        {
            throw new FuzzFinding($"{name}: untyped failure {e.GetType().FullName}", e);
        }
    }

    /// <summary>
    /// <c>archive</c>: the input is the tar archive the guest sends for <c>copy_out</c>, passed through the host's filter.
    /// Allowed: <see cref="InvalidDataException"/> (documented: not a valid archive) and <see cref="GuestfsException"/>.
    /// </summary>
    public static void Archive(byte[] input)
    {
        using var output = new MemoryStream();
        Task<IReadOnlyList<string>> task = GuestTarFilter.CopyAsync(new MemoryStream(input, writable: false), output, CancellationToken.None);
        if (!task.IsCompleted)
        {
            throw new FuzzFinding("archive: the filter did not finish on input that ends (a hang)", null);
        }

        if (task.Exception?.InnerException is { } e && e is not (InvalidDataException or GuestfsException))
        {
            throw new FuzzFinding($"archive: untyped failure {e.GetType().FullName}", e);
        }
    }

    /// <summary>
    /// <c>handshake</c>: the input is what the restored appliance's init writes on the snapshot port, cut into lines
    /// as the host reads them (bytes as characters, up to each newline, a trailing carriage return dropped); each
    /// line goes through the host's "done" line check (<see cref="QmpException"/> for anything else). The same bytes
    /// also go through the console buffer that error messages quote (no exception allowed).
    /// </summary>
    public static void Handshake(byte[] input)
    {
        string text = Encoding.Latin1.GetString(input);
        int start = 0;
        for (int end = text.IndexOf('\n', start); end >= 0; end = text.IndexOf('\n', start))
        {
            try
            {
                DirectBackend.ParseDoneLine(text[start..end].TrimEnd('\r'));
            }
            catch (QmpException)
            {
            }

            start = end + 1;
        }

        var console = new ConsoleTail(capacity: 64);
        for (int at = 0; at < text.Length; at += 40)
        {
            console.Append(text.Substring(at, Math.Min(40, text.Length - at)));
        }

        _ = console.GetTail(maxLines: 3);
    }

    /// <summary>
    /// <c>partition</c>: the input is a raw disk; the host's check for md/LVM/dynamic-disk signatures in it and its
    /// MBR or GPT partitions allows no exception, and the ext2 superblock reader allows
    /// <see cref="InvalidDataException"/> (not ext2/3/4) and <see cref="EndOfStreamException"/> (too short).
    /// </summary>
    public static void Partition(byte[] input)
    {
        _ = StorageSignatures.MayHoldStorageStack(new MemoryStream(input, writable: false));
        try
        {
            _ = Ext2Superblock.ReadUuid(new MemoryStream(input, writable: false), "fuzz");
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException)
        {
        }
    }

    private static List<Type> DecodableTypes() => typeof(GuestfsHandle).Assembly.GetTypes()
        .Where(t => !t.IsGenericTypeDefinition && t.GetInterfaces().Any(i =>
            i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IXdrDecodable<>) && i.GetGenericArguments()[0] == t))
        .OrderBy(t => t.FullName, StringComparer.Ordinal)
        .ToList();

    private static List<(string, Func<byte[], Exception?>)> FindCodecs()
    {
        MethodInfo decode = typeof(FuzzTargets).GetMethod(nameof(DecodeOne), BindingFlags.NonPublic | BindingFlags.Static)!;
        return DecodableTypes().Select(t => (t.FullName!, decode.MakeGenericMethod(t).CreateDelegate<Func<byte[], Exception?>>())).ToList();
    }

    private static List<(string, Func<byte[], bool, Task>)> FindCalls()
    {
        MethodInfo call = typeof(FuzzTargets).GetMethod(nameof(CallOne), BindingFlags.NonPublic | BindingFlags.Static)!;
        return DecodableTypes().Select(t => (t.FullName!, call.MakeGenericMethod(t).CreateDelegate<Func<byte[], bool, Task>>())).ToList();
    }

    private static Exception? DecodeOne<T>(byte[] input)
        where T : IXdrDecodable<T>
    {
        var reader = new XdrReader(input);
        try
        {
            T.Decode(ref reader);
            return reader.Position <= input.Length ? null : new FuzzFinding("read past the end", null);
        }
        catch (Exception e)
        {
            return e;
        }
    }

    private static async Task CallOne<T>(byte[] daemonBytes, bool download)
        where T : IXdrDecodable<T>
    {
        var connection = new GuestfsConnection(new FuzzChannel(daemonBytes), NullLogger.Instance);
        try
        {
            await connection.ExecuteAsync<T>(FrameProcedure, null, 0, null, download ? Stream.Null : null, "fuzz", null, default).ConfigureAwait(false);
        }
        finally
        {
            connection.Abort("fuzz input done");
        }
    }
}
