using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;

namespace Guestfs.Fuzz;

/// <summary>
/// A target run in-process without a fuzzer or instrumentation: each seed as it is, then random mutations of the
/// seeds (bit flips, random bytes, cuts, copied runs, XDR words on the protocol's limits), up to a count or a time.
/// </summary>
internal static class Smoke
{
    private static readonly uint[] s_words = [0, 1, 0x7fffffff, 0xffffffff, 0x400000, 0x400001, 0x10000, 0x10001, 0x2000, 0x2001, 0xffff5555, 0xffffeeee, 0xf5f55ff5];

    /// <summary>What a run did.</summary>
    /// <param name="Executions">Inputs run (seeds included).</param>
    /// <param name="Elapsed">Wall time.</param>
    /// <param name="Crashes">The first failing input (hex) of each distinct failure (exception type and place), with its exception.</param>
    /// <param name="CrashCount">How many inputs failed.</param>
    public sealed record Result(long Executions, TimeSpan Elapsed, IReadOnlyList<string> Crashes, int CrashCount);

    /// <summary>Runs <paramref name="target"/> over its seeds, then over mutations until either limit is reached.</summary>
    public static Result Run(string target, long mutations, TimeSpan duration, int seed = 20261126)
    {
        (Action<byte[]> run, int selectorLength) = FuzzTargets.All[target];
        List<byte[]> seeds = Seeds.For(target).Select(s => s.Bytes).ToList();
        var random = new Random(seed);
        var crashes = new Dictionary<string, string>();
        int crashCount = 0;
        long executions = 0;
        var clock = Stopwatch.StartNew();
        foreach (byte[] input in seeds.Concat(Mutations(seeds, selectorLength, random).Take((int)Math.Min(mutations, int.MaxValue))))
        {
            if (executions >= seeds.Count && clock.Elapsed >= duration)
            {
                break;
            }

            executions++;
            try
            {
                run(input);
            }
            catch (Exception e)
            {
                crashCount++;
                Exception cause = e is FuzzFinding { InnerException: { } inner } ? inner : e;
                string kind = cause.GetType().FullName + " " + cause.StackTrace?.Split('\n')[0].Trim();
                if (crashes.Count < 20)
                {
                    crashes.TryAdd(kind, $"{Convert.ToHexString(input)}: {e}");
                }
            }
        }

        return new Result(executions, clock.Elapsed, crashes.Values.ToList(), crashCount);
    }

    private static IEnumerable<byte[]> Mutations(List<byte[]> seeds, int fixedLength, Random random)
    {
        while (true)
        {
            byte[] input = seeds[random.Next(seeds.Count)].ToArray();
            int edits = random.Next(1, 8);
            for (int i = 0; i < edits && input.Length > fixedLength; i++)
            {
                int at = fixedLength + random.Next(input.Length - fixedLength);
                switch (random.Next(5))
                {
                    case 0:
                        input[at] ^= (byte)(1 << random.Next(8));
                        break;
                    case 1:
                        input[at] = (byte)random.Next(256);
                        break;
                    case 2:
                        input = input[..at];
                        break;
                    case 3:
                        int from = random.Next(input.Length);
                        int length = random.Next(1, Math.Min(64, input.Length - from) + 1);
                        input = [.. input[..at], .. input.AsSpan(from, length), .. input[at..]];
                        break;
                    default:
                        int aligned = Math.Min(at & ~3, input.Length - 4);
                        if (aligned >= fixedLength)
                        {
                            BinaryPrimitives.WriteUInt32BigEndian(input.AsSpan(aligned), s_words[random.Next(s_words.Length)]);
                        }

                        break;
                }
            }

            yield return input;
        }
    }
}
