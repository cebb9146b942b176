using System.Diagnostics;
using DescribeFunction.Benchmarks.Faults;
using DescribeFunction.Benchmarks.Measuring;
using DescribeFunction.Benchmarks.Output;
using DescribeFunction.Benchmarks.Running;

namespace DescribeFunction.Benchmarks.Modes;

/// <summary>
/// Many slow streams at once: every event's stream takes the given seconds (chunk delay = seconds / chunks). The
/// describer is reached through a timing relay, so each stream's own duration is measured on the function's side
/// of the wire (request in to last byte out, including the describer's work before its first chunk); the latency
/// the function adds is the event's round trip minus that.
/// </summary>
internal sealed class SlowStreamsBenchmark(BenchmarkOptions options, BuildSet builds, TextWriter output)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var build = await builds.FunctionAsync(cancellationToken);
        await using var standIns = await StandIns.StartAsync(options.ExtraEnvironment, cancellationToken);
        var describer = standIns.Environment.DescriberSettings;
        describer.AnswerChunks = options.Chunks;
        describer.ChunkDelay = TimeSpan.Zero;
        await using var relay = await RelayProxy.StartAsync(standIns.Environment.Describer.BaseAddress, standIns.ObjectNames, chooseFault: null, cancellationToken);
        await using var function = build.Start(standIns.FunctionSettings(describerRelay: relay.BaseAddress));
        await function.WaitUntilListeningAsync(TimeSpan.FromSeconds(60), cancellationToken);
        using var client = new EventClient(function.BaseAddress);
        var warmup = standIns.Upload("slow-warm", 50);
        await EventClient.RunConcurrentAsync(warmup.Count, 8, i => client.SendAsync(warmup[i], null, cancellationToken), cancellationToken);

        var streams = standIns.Upload("slow", options.Streams);
        describer.ChunkDelay = TimeSpan.FromSeconds(options.StreamSeconds / options.Chunks);
        var idle = ProcStats.Read(function.Id);
        var start = Stopwatch.GetTimestamp();
        Delivery[] deliveries;
        await using (var sampler = new PeakSampler(function.Id, TimeSpan.FromMilliseconds(50)))
        {
            deliveries = await Task.WhenAll(streams.Select(s => client.SendAsync(s, null, cancellationToken)));
            var wall = Stopwatch.GetElapsedTime(start).TotalSeconds;
            var after = ProcStats.Read(function.Id);
            Write(streams.Select(s => s.Name).ToArray(), deliveries, relay, idle, after, sampler, wall);
        }
    }

    private void Write(string[] names, Delivery[] deliveries, RelayProxy relay, ProcSample idle, ProcSample after, PeakSampler sampler, double wall)
    {
        var streamMs = relay.Exchanges.Where(e => e.ObjectName is not null && e.Path.Contains("chat/completions", StringComparison.Ordinal))
            .GroupBy(e => e.ObjectName!).ToDictionary(g => g.Key, g => g.Sum(e => e.Ms));
        var added = new List<double>();
        var streamed = new List<double>();
        for (var i = 0; i < names.Length; i++)
        {
            if (deliveries[i].Status == 200 && streamMs.TryGetValue(names[i], out var ms))
            {
                streamed.Add(ms);
                added.Add(deliveries[i].Ms - ms);
            }
        }

        var errors = deliveries.Count(d => d.Status != 200);
        var table = new Table(
            $"Many slow streams: {names.Length} concurrent events, each stream {options.StreamSeconds:0.##} s ({options.Chunks} chunks x {options.StreamSeconds * 1000 / options.Chunks:0.#} ms)",
            "metric", "value");
        table.Add("events answered 200", $"{deliveries.Length - errors} of {deliveries.Length}");
        table.Add("wall time for all", $"{wall:F2} s");
        table.Add("stream duration p50 / max (at the relay)", $"{Stats.Median(streamed):F0} / {(streamed.Count == 0 ? double.NaN : streamed.Max()):F0} ms");
        table.Add("event round trip p50 / p99", $"{Stats.Median(deliveries.Select(d => d.Ms).ToArray()):F0} / {Stats.Percentile(deliveries.Select(d => d.Ms).ToArray(), 99):F0} ms");
        table.Add("added latency p50", $"{Stats.Percentile(added, 50):F1} ms");
        table.Add("added latency p99", $"{Stats.Percentile(added, 99):F1} ms   (target < 20 ms)");
        table.Add("added latency max", $"{(added.Count == 0 ? double.NaN : added.Max()):F1} ms");
        table.Add("RSS before (after warm-up)", $"{idle.RssMb:F1} MB");
        table.Add("RSS peak during (sampled every 50 ms)", $"{sampler.MaxRssMb:F1} MB   (target < 200 MB)");
        table.Add("RSS high-water mark (VmHWM)", $"{after.PeakRssMb:F1} MB");
        table.Add("threads before / peak", $"{idle.Threads} / {sampler.MaxThreads}");
        table.Add("function CPU during", $"{after.CpuMs - idle.CpuMs:F0} ms ({(after.CpuMs - idle.CpuMs) / names.Length:F2} ms per event)");
        table.Write(output);
    }
}
