using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using Guestfs.Fuzz;
using SharpFuzz;

// Usage:
//   Guestfs.Fuzz <frame|codecs>                       run under AFL++ (afl-fuzz ... -- dotnet Guestfs.Fuzz.dll <target>)
//   Guestfs.Fuzz <frame|codecs> --seeds <dir>         write the starting corpus
//   Guestfs.Fuzz <frame|codecs> --replay <file>...    run inputs once each (reproduce a crash)
//   Guestfs.Fuzz <frame|codecs> --smoke <seconds>     in-process random mutation of the seeds, no fuzzer needed
if (args.Length == 0 || args[0] is not ("frame" or "codecs"))
{
    Console.Error.WriteLine("usage: Guestfs.Fuzz <frame|codecs> [--seeds DIR | --replay FILE... | --smoke SECONDS]");
    return 2;
}

string target = args[0];
Action<byte[]> run = target == "frame" ? FuzzTargets.Frame : FuzzTargets.Codecs;
string mode = args.Length > 1 ? args[1] : string.Empty;
switch (mode)
{
    case "--seeds":
        Seeds.Write(target, args[2]);
        return 0;
    case "--replay":
        int failed = 0;
        foreach (string file in args.Skip(2))
        {
            try
            {
                run(File.ReadAllBytes(file));
                Console.WriteLine($"ok    {file}");
            }
            catch (Exception e)
            {
                failed++;
                Console.WriteLine($"CRASH {file}: {e}");
            }
        }

        return failed == 0 ? 0 : 1;
    case "--smoke":
        return Smoke(target, run, TimeSpan.FromSeconds(double.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture)));
    default:
        Fuzzer.OutOfProcess.Run(stream =>
        {
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            run(copy.ToArray());
        });
        return 0;
}

static int Smoke(string target, Action<byte[]> run, TimeSpan duration)
{
    List<byte[]> seeds = Seeds.For(target).Select(s => s.Bytes).ToList();
    var random = new Random(20261126);
    long executions = 0;
    int crashes = 0;
    var clock = Stopwatch.StartNew();
    while (clock.Elapsed < duration)
    {
        byte[] input = seeds[random.Next(seeds.Count)].ToArray();
        int edits = random.Next(1, 8);
        for (int i = 0; i < edits && input.Length > 2; i++)
        {
            int at = 2 + random.Next(input.Length - 2);
            switch (random.Next(4))
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
                default:
                    uint[] words = [0, 1, 0x7fffffff, 0xffffffff, 0x400000, 0x400001, 0x10000, 0x10001, 0x2000, 0x2001, 0xffff5555, 0xffffeeee, 0xf5f55ff5];
                    uint word = words[random.Next(words.Length)];
                    int aligned = Math.Min(at & ~3, input.Length - 4);
                    if (aligned >= 2)
                    {
                        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(input.AsSpan(aligned), word);
                    }

                    break;
            }
        }

        executions++;
        try
        {
            run(input);
        }
        catch (Exception e)
        {
            crashes++;
            Console.WriteLine($"CRASH {Convert.ToHexString(input)}: {e.Message}");
        }
    }

    Console.WriteLine($"{target}: {executions} executions in {clock.Elapsed.TotalSeconds:0.0} s, {crashes} crashes");
    return crashes == 0 ? 0 : 1;
}
