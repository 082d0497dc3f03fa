using System;
using System.Globalization;
using System.IO;
using System.Linq;
using Guestfs.Fuzz;
using SharpFuzz;

// Usage:
//   Guestfs.Fuzz TARGET                       run under AFL++, persistent in-process (afl-fuzz ... -- dotnet Guestfs.Fuzz.dll TARGET)
//   Guestfs.Fuzz TARGET --seeds DIR           write the starting corpus
//   Guestfs.Fuzz TARGET --replay FILE...      run inputs once each (reproduce a crash)
//   Guestfs.Fuzz TARGET --smoke SECONDS [N]   in-process random mutation of the seeds (at most N), no fuzzer needed
// TARGET: frame, codecs, archive, handshake, partition (FuzzTargets.All).
if (args.Length == 0 || !FuzzTargets.All.ContainsKey(args[0]))
{
    Console.Error.WriteLine($"usage: Guestfs.Fuzz <{string.Join('|', FuzzTargets.All.Keys)}> [--seeds DIR | --replay FILE... | --smoke SECONDS [N]]");
    return 2;
}

string target = args[0];
Action<byte[]> run = FuzzTargets.All[target].Run;
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
        Smoke.Result result = Smoke.Run(
            target,
            args.Length > 3 ? long.Parse(args[3], CultureInfo.InvariantCulture) : long.MaxValue,
            TimeSpan.FromSeconds(double.Parse(args[2], CultureInfo.InvariantCulture)));
        foreach (string crash in result.Crashes)
        {
            Console.WriteLine($"CRASH {crash}");
        }

        Console.WriteLine($"{target}: {result.Executions} executions in {result.Elapsed.TotalSeconds:0.0} s, {result.CrashCount} crashes");
        return result.CrashCount == 0 ? 0 : 1;
    default:
        // Persistent mode: one process runs input after input, so the rate is not bound by .NET's start-up.
        Fuzzer.Run(stream =>
        {
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            run(copy.ToArray());
        });
        return 0;
}
