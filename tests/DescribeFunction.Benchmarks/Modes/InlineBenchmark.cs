using System.Collections.Concurrent;
using System.Diagnostics;
using DescribeFunction.Benchmarks.Measuring;
using DescribeFunction.Benchmarks.Output;
using DescribeFunction.Benchmarks.Running;
using DescribeFunction.Local.Describer;
using DescribeFunction.Local.Hosting;
using DescribeFunction.Local.Storage;

namespace DescribeFunction.Benchmarks.Modes;

/// <summary>
/// Large images sent inline (<c>IMAGE_DELIVERY=inline</c>): first the bytes the function's own inline work allocates
/// per image (in this process, see <see cref="InlineAllocations"/>), then a burst of N such images delivered at once
/// to the function process, redelivered like Eventarc with retries on (429, 5xx or a broken connection, with a
/// backoff) until each is answered 2xx or runs out of deliveries. Run it under a container's memory with
/// <c>--env DOTNET_GCHeapHardLimit=0x18000000</c> (384 MiB, 75 % of 512 MiB). Returns false when an image did not
/// end <c>done</c>, a model call was made more than once per image, or a delivery got 500.
/// </summary>
internal sealed class InlineBenchmark(BenchmarkOptions options, BuildSet builds, TextWriter output)
{
    private readonly ConcurrentBag<int> _statuses = [];

    public async Task<bool> RunAsync(CancellationToken cancellationToken)
    {
        var sample = await File.ReadAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "Samples", "sunset-landscape.jpg"), cancellationToken);
        var imageBytes = (int)(options.InlineImageMb * 1024 * 1024);
        var image = LargeJpeg.Create(sample, imageBytes, options.Seed);
        var (allocated, body) = await InlineAllocations.MeasureAsync(image, 3, cancellationToken);
        var perImage = new Table($"Bytes the function allocates per inline image of {imageBytes:N0} bytes (in-process, 3 images after a warm-up)", "metric", "value");
        perImage.Add("allocated per image", $"{allocated / 1048576:F1} MiB ({allocated / imageBytes:F2}x the image)");
        perImage.Add("request body sent", $"{body / 1048576.0:F1} MiB");
        perImage.Write(output);

        var build = await builds.FunctionAsync(cancellationToken);
        await using var standIns = await StandIns.StartAsync(options.ExtraEnvironment, cancellationToken);
        standIns.Environment.DescriberSettings.RecordRequests = false;
        standIns.Environment.DescriberSettings.AnswerChunks = options.Chunks;
        var describerLog = DescriberStandIn.GetLog(standIns.Environment.Describer);
        var settings = standIns.FunctionSettings();
        settings["IMAGE_DELIVERY"] = "inline";
        // The deploy command's default, which the burst is meant to test; --env may change it.
        settings["MAX_CONCURRENT_DESCRIBES"] = options.ExtraEnvironment.GetValueOrDefault("MAX_CONCURRENT_DESCRIBES", "32");
        await using var function = build.Start(settings);
        await function.WaitUntilListeningAsync(TimeSpan.FromSeconds(60), cancellationToken);
        using var client = new EventClient(function.BaseAddress);
        var warmup = standIns.Upload("inline-warm", 3);
        await EventClient.RunConcurrentAsync(warmup.Count, 1, i => client.SendAsync(warmup[i], null, cancellationToken), cancellationToken);

        var objects = Enumerable.Range(0, options.InlineImages)
            .Select(i => standIns.Environment.BucketStore.Put(LocalEnvironment.Bucket, $"inline-{i:D3}.jpg", image, "image/jpeg"))
            .ToArray();
        var callsBefore = describerLog.RequestCount;
        var idle = ProcStats.Read(function.Id);
        var started = Stopwatch.GetTimestamp();
        int[] deliveries;
        double maxRssMb;
        await using (var sampler = new PeakSampler(function.Id, TimeSpan.FromMilliseconds(20)))
        {
            deliveries = await Task.WhenAll(objects.Select(o => DeliverAsync(client, o, cancellationToken)));
            maxRssMb = sampler.MaxRssMb;
        }

        var wall = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var after = ProcStats.Read(function.Id);
        var calls = describerLog.RequestCount - callsBefore;
        var statuses = new Dictionary<string, int>();
        foreach (var stored in objects)
        {
            var status = (await standIns.DocumentAsync(stored.Name, cancellationToken))?.Fields.GetString("status") ?? "(no document)";
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
        }

        var answers = _statuses.GroupBy(s => s).OrderBy(g => g.Key).Select(g => $"{g.Key}: {g.Count()}");
        var done = statuses.GetValueOrDefault("done");
        var fivehundreds = _statuses.Count(s => s >= 500);
        var table = new Table(
            $"Burst: {objects.Length} inline images of {imageBytes:N0} bytes delivered at once; redelivered after 429/5xx up to {options.MaxDeliveries} times",
            "metric", "value");
        table.Add("function settings (--env)", options.ExtraEnvironment.Count == 0 ? "(none)" : string.Join(' ', options.ExtraEnvironment.Select(e => $"{e.Key}={e.Value}")));
        table.Add("documents by status", string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key} {s.Value}")));
        table.Add("deliveries by answer (0 = connection failed)", string.Join(", ", answers));
        table.Add("deliveries per image, max", deliveries.Max().ToString(System.Globalization.CultureInfo.InvariantCulture));
        table.Add("model calls", $"{calls} (images: {objects.Length})");
        table.Add("wall time", $"{wall:F1} s");
        table.Add("RSS before the burst", $"{idle.RssMb:F0} MB");
        table.Add("RSS peak (sampled every 20 ms)", $"{maxRssMb:F0} MB");
        table.Add("RSS high-water mark (VmHWM)", $"{after.PeakRssMb:F0} MB");
        table.Add("peak RSS above idle per image", $"{(after.PeakRssMb - idle.RssMb) / objects.Length:F1} MB");
        table.Add("function CPU during", $"{after.CpuMs - idle.CpuMs:F0} ms");
        var met = done == objects.Length && calls == objects.Length && fivehundreds == 0 && after.PeakRssMb < 512;
        table.Add("all done, one model call each, no 500, VmHWM < 512 MiB", met ? "met" : "MISSED");
        var log = Path.Combine(options.WorkDirectory, "inline-function.log");
        Directory.CreateDirectory(options.WorkDirectory);
        await File.WriteAllLinesAsync(log, function.StandardOutput.Concat(function.StandardError), cancellationToken);
        table.Add("the function's log", log);
        table.Write(output);

        return met;
    }

    /// <summary>Eventarc with retries on: redeliver the same event after 429, 5xx or a broken connection, backing off.</summary>
    private async Task<int> DeliverAsync(EventClient client, LocalObject stored, CancellationToken cancellationToken)
    {
        var eventId = Guid.NewGuid().ToString();
        for (var attempt = 1; ; attempt++)
        {
            var status = (await client.SendAsync(stored, eventId, cancellationToken)).Status;
            _statuses.Add(status);
            if (status is > 0 and < 300 || attempt == options.MaxDeliveries)
            {
                return attempt;
            }

            var backoff = Math.Min(10_000, options.RedeliveryMs * (1 << Math.Min(attempt - 1, 10)));
            await Task.Delay(TimeSpan.FromMilliseconds(backoff * (0.5 + (Random.Shared.NextDouble() / 2))), cancellationToken);
        }
    }
}
