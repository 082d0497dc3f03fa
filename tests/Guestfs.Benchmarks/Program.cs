using BenchmarkDotNet.Running;

namespace Guestfs.Benchmarks;

/// <summary>
/// Entry point. Run all benchmarks with
/// <c>dotnet run -c Release --project tests/Guestfs.Benchmarks -- --filter '*'</c>
/// (one class: <c>--filter '*Framing*'</c>, <c>*OptionalArgument*</c>, <c>*Generator*</c>, <c>*XdrList*</c>)
/// (add <c>--job short</c> for a quick run).
/// </summary>
public static class Program
{
    /// <summary>Runs the benchmarks the command line selects.</summary>
    /// <param name="args">BenchmarkDotNet arguments.</param>
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
