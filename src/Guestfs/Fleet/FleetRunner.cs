using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;

namespace Guestfs.Fleet;

/// <summary>
/// Runs a function over many disk images, each on its own handle and appliance (never shared between images), a
/// bounded number at a time, and streams each image's result as it finishes. One image's failure, typed, is in its
/// result and stops nothing else; the caller's cancellation stops the run.
/// </summary>
/// <example>
/// <code>
/// await foreach (FleetResult&lt;string&gt; r in FleetRunner.RunAsync(images, async (g, image, ct) =>
///     string.Join(",", await g.InspectOsAsync(ct))))
/// {
///     Console.WriteLine(r.Succeeded ? $"{r.Image}: {r.Value}" : $"{r.Image}: {r.Error!.Message}");
/// }
/// </code>
/// </example>
public static class FleetRunner
{
    /// <summary>Memory counted for one appliance beyond its guest memory: qemu itself and the handle.</summary>
    private const long OverheadPerApplianceBytes = 256L << 20;

    /// <summary>
    /// The parallelism used when <see cref="FleetOptions.MaxParallelism"/> is 0: the number of processors, but no more
    /// appliances than fit in the memory available now (<c>MemAvailable</c> of <c>/proc/meminfo</c>) at the guest
    /// memory size (1280 MiB unless <see cref="GuestfsOptions.Memsize"/> says otherwise) plus 256 MiB each; at least 1.
    /// </summary>
    /// <param name="handleOptions">The handles' settings (their memory size counts).</param>
    /// <returns>The parallelism.</returns>
    public static int DefaultParallelism(GuestfsOptions? handleOptions = null)
    {
        long fitting = AvailableMemoryBytes() / MemoryPerAppliance(handleOptions);
        return (int)Math.Max(1, Math.Min(Environment.ProcessorCount, fitting));
    }

    /// <summary>Runs <paramref name="work"/> over <paramref name="images"/>; results come in the order images finish.</summary>
    /// <typeparam name="T">The function's result type.</typeparam>
    /// <param name="images">Disk image paths (read lazily, once).</param>
    /// <param name="work">What to do with one image's launched handle; its token ends with the image's time limit too.</param>
    /// <param name="options">Parallelism, time limit, how each handle is opened; default <see cref="FleetOptions"/>.</param>
    /// <param name="cancellationToken">Stops the whole run (images under way are cancelled, their handles closed).</param>
    /// <returns>One result per image.</returns>
    public static async IAsyncEnumerable<FleetResult<T>> RunAsync<T>(
        IEnumerable<string> images,
        Func<GuestfsHandle, string, CancellationToken, Task<T>> work,
        FleetOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(work);
        options ??= new FleetOptions();
        ArgumentOutOfRangeException.ThrowIfNegative(options.MaxParallelism);
        if (options.ImageTimeout is { } limit)
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(limit, TimeSpan.Zero);
        }

        int parallelism = options.MaxParallelism > 0 ? options.MaxParallelism : DefaultParallelism(options.HandleOptions);
        AppliancePool? runPool = CreateRunPool(options, parallelism, images.TryGetNonEnumeratedCount(out int count) ? count : null);
        AppliancePool? pool = options.AppliancePool ?? runPool;
        Func<string, CancellationToken, Task<GuestfsHandle>> open = options.OpenAsync
            ?? OpenDefaultAsync(options, pool is null ? options.HandleOptions : (options.HandleOptions ?? new GuestfsOptions()).WithAppliancePool(pool));
        Channel<FleetResult<T>> results = Channel.CreateUnbounded<FleetResult<T>>(new UnboundedChannelOptions { SingleReader = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task producer = Task.Run(
            async () =>
            {
                try
                {
                    var parallel = new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = stop.Token };
                    await Parallel.ForEachAsync(Numbered(images, runPool), parallel, async (item, token) =>
                    {
                        FleetResult<T> result = await RunOneAsync(item.Image, item.Index, open, work, options, token).ConfigureAwait(false);
                        results.Writer.TryWrite(result); // unbounded: never refused while the run is open
                    }).ConfigureAwait(false);
                    results.Writer.TryComplete();
                }
                catch (Exception e)
                {
                    results.Writer.TryComplete(e);
                }
            },
            CancellationToken.None);

        try
        {
            await foreach (FleetResult<T> result in results.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return result;
            }
        }
        finally
        {
            // The consumer stopped early, was cancelled or is done: nothing may outlive the enumeration.
            stop.Cancel();
            await producer.ConfigureAwait(false); // never throws: its failures went into the channel
            if (runPool is not null)
            {
                await runPool.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// The images with their indexes, read one ahead: when the last one is handed out, the run's own pool stops
    /// preparing appliances (those ready stay for it), so none is started for an image that will not come.
    /// </summary>
    private static IEnumerable<(string Image, int Index)> Numbered(IEnumerable<string> images, AppliancePool? runPool)
    {
        using IEnumerator<string> source = images.GetEnumerator();
        bool more = source.MoveNext();
        for (int index = 0; more; index++)
        {
            string image = source.Current;
            more = source.MoveNext();
            if (!more)
            {
                runPool?.StopFilling();
            }

            yield return (image, index);
        }
    }

    private static async Task<FleetResult<T>> RunOneAsync<T>(
        string image,
        int index,
        Func<string, CancellationToken, Task<GuestfsHandle>> open,
        Func<GuestfsHandle, string, CancellationToken, Task<T>> work,
        FleetOptions options,
        CancellationToken runToken)
    {
        var watch = Stopwatch.StartNew();
        using var imageToken = CancellationTokenSource.CreateLinkedTokenSource(runToken);
        if (options.ImageTimeout is { } limit)
        {
            imageToken.CancelAfter(limit);
        }

        T value;
        try
        {
            ArgumentException.ThrowIfNullOrEmpty(image);
            GuestfsHandle handle = await open(image, imageToken.Token).ConfigureAwait(false);
            await using (handle.ConfigureAwait(false))
            {
                value = await work(handle, image, imageToken.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (!runToken.IsCancellationRequested && imageToken.IsCancellationRequested)
        {
            var timeout = new TimeoutException(string.Create(
                CultureInfo.InvariantCulture, $"{image}: not finished within the image time limit ({options.ImageTimeout!.Value.TotalSeconds:0.###} s)"));
            return new FleetResult<T>(image, index, default, timeout, watch.Elapsed);
        }
        catch (Exception e) when (!runToken.IsCancellationRequested)
        {
            return new FleetResult<T>(image, index, default, e, watch.Elapsed);
        }

        return new FleetResult<T>(image, index, value, null, watch.Elapsed);
    }

    /// <summary>
    /// The warm pool the run makes for itself (see <see cref="FleetOptions.UseAppliancePool"/>), or null. When the
    /// number of images is known, only the images beyond the first <paramref name="parallelism"/> can use a pooled
    /// appliance (the first ones launch while the pool is still filling): none there, no pool; fewer, a smaller pool.
    /// </summary>
    private static AppliancePool? CreateRunPool(FleetOptions options, int parallelism, int? imageCount)
    {
        if (!options.UseAppliancePool || options.OpenAsync is not null || options.AppliancePool is not null || options.HandleOptions?.AppliancePool is not null)
        {
            return null;
        }

        int size = Math.Min(parallelism, imageCount is { } n ? n - parallelism : int.MaxValue);
        if (size < 1)
        {
            return null;
        }

        long perAppliance = MemoryPerAppliance(options.HandleOptions);
        long spare = AvailableMemoryBytes() - (parallelism * perAppliance);
        if (spare < perAppliance)
        {
            return null;
        }

        var poolOptions = new AppliancePoolOptions
        {
            Size = Math.Min(size, 16),
            MaxMemoryBytes = spare,
            Appliance = options.HandleOptions,
        };
        try
        {
            return (options.PoolFactory ?? (o => new AppliancePool(o)))(poolOptions);
        }
        catch (ArgumentException)
        {
            return null; // not the direct backend: the handles launch as they would without a pool
        }
    }

    private static Func<string, CancellationToken, Task<GuestfsHandle>> OpenDefaultAsync(FleetOptions options, GuestfsOptions? handleOptions) =>
        async (image, cancellationToken) =>
        {
            // A URI (nbd://, http://, ssh://, …) is a network drive, as for gfish -a.
            DriveUri drive = DriveUri.Parse(image);
            var handle = new GuestfsHandle(handleOptions ?? new GuestfsOptions());
            try
            {
                AddDriveOptions add = drive.ToAddDriveOptions(new AddDriveOptions { Readonly = options.ReadOnly, Format = options.Format });
                await handle.AddDriveAsync(drive.Path, add, cancellationToken).ConfigureAwait(false);
                await handle.LaunchAsync(cancellationToken).ConfigureAwait(false);
                return handle;
            }
            catch
            {
                await handle.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        };

    /// <summary>The memory one running appliance is counted for: its guest memory plus qemu's and the handle's overhead.</summary>
    private static long MemoryPerAppliance(GuestfsOptions? handleOptions) =>
        ((long)(handleOptions?.Memsize ?? GuestfsHandle.DefaultMemsize) << 20) + OverheadPerApplianceBytes;

    private static long AvailableMemoryBytes()
    {
        try
        {
            foreach (string line in File.ReadLines("/proc/meminfo"))
            {
                // "MemAvailable:   20512344 kB"
                if (line.StartsWith("MemAvailable:", StringComparison.Ordinal))
                {
                    string[] fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                    return long.Parse(fields[1], CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
        }

        return GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
    }
}
