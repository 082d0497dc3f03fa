using System;
using System.Threading.Tasks;

namespace Guestfs.Benchmarks.Harness;

/// <summary>
/// Entry point of the benchmark harness that <c>eng/bench.sh</c> drives. Each mode prints one JSON object
/// (a sample) on stdout and exits non-zero with a message on stderr if anything fails:
/// <list type="bullet">
/// <item><c>ours --disk D --xfer-disk D2 [--xfer-file F --calls N | --launch-only] [--path APPLIANCE_DIR] [--label L] [--profile]</c></item>
/// <item><c>pool --disk D --xfer-disk D2 [--size K] [--launches N] [--label L]</c>: launches from a warm pool</item>
/// <item><c>fast-peer --socket S --calls N --xfer-file F --device D [--tasks T] [--label L]</c>: our engine against a stock guestfsd on the host</item>
/// <item><c>limit-boot --kernel K --initrd I</c>: bare kernel + initrd to userspace under TCG</item>
/// <item><c>limit-vserial --kernel K --initrd I --mb N [--echo N]</c>: raw virtio-serial throughput, guest to host, and round trip</item>
/// <item><c>report --results R.jsonl --md OUT.md --png OUT.png [--machine TEXT] [--quick] [--notes NOTES.md]</c></item>
/// </list>
/// </summary>
public static class Program
{
    /// <summary>Runs the mode the first argument names.</summary>
    /// <param name="args">The mode, then <c>--name value</c> options.</param>
    /// <returns>0 on success, 1 on failure, 2 on a usage error.</returns>
    public static async Task<int> Main(string[] args)
    {
        if (args.Length == 0)
        {
            Console.Error.WriteLine("usage: harness ours|pool|fast-peer|limit-boot|limit-vserial|report [--option value ...]");
            return 2;
        }

        HarnessArguments options;
        try
        {
            options = HarnessArguments.Parse(args[1..]);
        }
        catch (ArgumentException ex)
        {
            Console.Error.WriteLine($"harness: {ex.Message}");
            return 2;
        }

        try
        {
            Sample? sample = args[0] switch
            {
                "ours" => await OursSession.RunAsync(options).ConfigureAwait(false),
                "pool" => await PoolSession.RunAsync(options).ConfigureAwait(false),
                "fast-peer" => await FastPeer.RunAsync(options).ConfigureAwait(false),
                "limit-boot" => await MachineLimits.BootAsync(options).ConfigureAwait(false),
                "limit-vserial" => await MachineLimits.VirtioSerialAsync(options).ConfigureAwait(false),
                "report" => ReportMode(options),
                _ => throw new ArgumentException($"unknown mode '{args[0]}'"),
            };
            if (sample is not null)
            {
                Console.Out.WriteLine(sample.ToJson());
            }

            return 0;
        }
        catch (ArgumentException ex)
        {
            Console.Error.WriteLine($"harness {args[0]}: {ex.Message}");
            return 2;
        }
        catch (Exception ex)
        {
            Console.Error.WriteLine($"harness {args[0]} FAILED: {ex}");
            return 1;
        }
    }

    private static Sample? ReportMode(HarnessArguments options)
    {
        BenchmarkReport.Write(
            options.Required("results"),
            options.Required("md"),
            options.Required("png"),
            options.Optional("machine") ?? Environment.MachineName,
            options.Flag("quick"),
            options.Optional("notes"));
        return null;
    }
}
