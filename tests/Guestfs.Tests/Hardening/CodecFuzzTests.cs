using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using CsCheck;
using Guestfs.Protocol;
using Guestfs.Xdr;
using Xunit.Abstractions;

namespace Guestfs.Tests.Hardening;

/// <summary>
/// Every XDR decoder in the Guestfs assembly (the framing structures and every generated <c>_ret</c> codec,
/// found by reflection) fed random, XDR-shaped and limit-word inputs: each ends in a value or an
/// <see cref="XdrException"/>, never reads past its input, and allocates in proportion to its input.
/// </summary>
public class CodecFuzzTests(ITestOutputHelper output)
{
    /// <summary>A decoded object graph may be larger than its encoding, but only by a constant factor.</summary>
    private const int AllocationFactor = 64;
    private const int AllocationSlack = 64 * 1024;

    public static IReadOnlyList<Codec> Codecs { get; } = FindCodecs();

    public static TheoryData<string> CodecNames()
    {
        var data = new TheoryData<string>();
        foreach (Codec c in Codecs)
        {
            data.Add(c.Name);
        }

        return data;
    }

    [Fact]
    public void Codecs_IncludeFramingStructures()
    {
        string[] names = Codecs.Select(c => c.Name).ToArray();
        Assert.Contains(typeof(MessageHeader).FullName!, names);
        Assert.Contains(typeof(MessageError).FullName!, names);
        Assert.Contains(typeof(Progress).FullName!, names);
        Assert.Contains(typeof(Chunk).FullName!, names);
        output.WriteLine($"{Codecs.Count} codecs: {string.Join(", ", names.Select(n => n.Split('.')[^1]))}");
    }

    [Fact]
    public void EveryCodec_RandomAndXdrShapedInput_ValueOrXdrException()
    {
        int perCodec = Math.Max(30, 6000 / Codecs.Count);
        long runs = 0;
        Gen.Select(Gen.Int[0, Codecs.Count - 1], ReplyMutator.CodecInput).Sample(t =>
        {
            (int index, byte[] input) = t;
            Check(Codecs[index], input);
            runs++;
        }, iter: perCodec * Codecs.Count, threads: 1, print: t => $"{Codecs[t.Item1].Name} {Convert.ToHexString(t.Item2)}");
        output.WriteLine($"{runs} decodes over {Codecs.Count} codecs");
    }

    [Theory]
    [MemberData(nameof(CodecNames))]
    public void Codec_LimitWordAtEveryOffset_ValueOrXdrExceptionAndBoundedAllocation(string name)
    {
        Codec codec = Codecs.Single(c => c.Name == name);
        foreach (uint word in new uint[] { 0x7fffffff, 0xffffffff, 0x40000000, ProtocolConstants.MessageMax, ProtocolConstants.MessageMax + 1, 1 })
        {
            foreach (byte fill in new byte[] { 0x00, 0x01 })
            {
                for (int offset = 0; offset <= 128; offset += 4)
                {
                    byte[] input = new byte[1024];
                    if (fill != 0)
                    {
                        // A small count (1) in every word: nested arrays and strings of length one all the way down.
                        for (int i = 3; i < input.Length; i += 4)
                        {
                            input[i] = fill;
                        }
                    }

                    ReplyMutator.Word(word).CopyTo(input, offset);
                    Check(codec, input);
                }
            }
        }
    }

    private static void Check(Codec codec, byte[] input)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        (Exception? failure, int consumed) = codec.Decode(input);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(failure is null or XdrException, $"{codec.Name}: {failure?.GetType().FullName}: {failure?.Message} for {Convert.ToHexString(input)}");
        Assert.InRange(consumed, 0, input.Length);
        Assert.True(
            allocated <= (AllocationFactor * (long)input.Length) + AllocationSlack,
            $"{codec.Name}: {allocated} bytes allocated for a {input.Length}-byte input {Convert.ToHexString(input.AsSpan(0, Math.Min(input.Length, 128)))}");
    }

    private static List<Codec> FindCodecs()
    {
        MethodInfo decodeOne = typeof(CodecFuzzTests).GetMethod(nameof(DecodeOne), BindingFlags.NonPublic | BindingFlags.Static)!;
        return typeof(GuestfsHandle).Assembly.GetTypes()
            .Where(t => !t.IsGenericTypeDefinition && t.GetInterfaces().Any(i =>
                i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IXdrDecodable<>) && i.GetGenericArguments()[0] == t))
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .Select(t => new Codec(t.FullName!, decodeOne.MakeGenericMethod(t).CreateDelegate<Func<byte[], (Exception?, int)>>()))
            .ToList();
    }

    private static (Exception? Failure, int Consumed) DecodeOne<T>(byte[] input)
        where T : IXdrDecodable<T>
    {
        var reader = new XdrReader(input);
        try
        {
            T.Decode(ref reader);
            return (null, reader.Position);
        }
        catch (Exception e)
        {
            return (e, reader.Position);
        }
    }

    public sealed record Codec(string Name, Func<byte[], (Exception? Failure, int Consumed)> Decode)
    {
        public override string ToString() => Name;
    }
}
