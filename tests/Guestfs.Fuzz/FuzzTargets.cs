using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading.Tasks;
using Guestfs.Protocol;
using Guestfs.Xdr;
using Microsoft.Extensions.Logging.Abstractions;

namespace Guestfs.Fuzz;

/// <summary>
/// The fuzz targets. Each takes one input and returns normally for every outcome the library allows (a value,
/// a daemon error, a protocol or connection error, an <see cref="XdrException"/>); anything else is thrown
/// on as a crash, wrapped in <see cref="FuzzFinding"/>.
/// </summary>
internal static class FuzzTargets
{
    /// <summary>The procedure every <c>frame</c> input answers (any number works; the seeds use it).</summary>
    public const Procedure FrameProcedure = (Procedure)1;

    private static readonly List<(string Name, Func<byte[], Exception?> Decode)> s_codecs = FindCodecs();
    private static readonly List<(string Name, Func<byte[], bool, Task> Call)> s_calls = FindCalls();

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
