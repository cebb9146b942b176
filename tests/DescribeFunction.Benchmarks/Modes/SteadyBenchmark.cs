using System.Diagnostics;
using DescribeFunction.Benchmarks.Measuring;
using DescribeFunction.Benchmarks.Output;
using DescribeFunction.Benchmarks.Running;

namespace DescribeFunction.Benchmarks.Modes;

/// <summary>
/// Steady state with a fast describer (a fixed number of chunks, no delay): per concurrency level, a fresh function
/// process is warmed up, then a fixed number of events is pushed through it. CPU is the function process's own
/// user + system time from /proc; the stand-ins run in this process and are reported separately.
/// </summary>
internal sealed class SteadyBenchmark(BenchmarkOptions options, BuildSet builds, TextWriter output)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var build = await builds.FunctionAsync(cancellationToken);
        await using var standIns = await StandIns.StartAsync(options.ExtraEnvironment, cancellationToken);
        standIns.Environment.DescriberSettings.AnswerChunks = options.Chunks;
        standIns.Environment.DescriberSettings.ChunkDelay = TimeSpan.Zero;
        var table = new Table(
            $"Steady state: fast describer ({options.Chunks} chunks, no delay), build {build.Name}; CPU = function process utime+stime",
            "output", "embeddings", "concurrency", "events", "events/s", "CPU ms/event", "p50 ms", "p99 ms", "peak RSS MB", "threads", "stand-ins CPU ms/event", "errors",
            "ledger shards", "writes/shard/s mean", "busiest shard", "peak 1 s");
        await using var notices = options.Notify ? await NoticeRig.StartAsync(standIns.ObjectNames, chooseFault: null, cancellationToken) : null;
        var embeddedRows = default(UsageTotals);
        foreach (var concurrency in options.SteadyConcurrency)
        {
            foreach (var mode in options.OutputModes)
            {
                foreach (var embeddings in options.EmbeddingModes)
                {
                    foreach (var rig in notices is null ? [null] : new[] { null, notices })
                    {
                        var before = embeddings ? await UsageTotals.ReadAsync(standIns.Documents, standIns.Environment, options.ExtraEnvironment, cancellationToken) : default;
                        var row = await MeasureAsync(build, standIns, mode, embeddings, concurrency, rig, cancellationToken);
                        if (embeddings)
                        {
                            embeddedRows += await UsageTotals.ReadAsync(standIns.Documents, standIns.Environment, options.ExtraEnvironment, cancellationToken) - before;
                        }

                        table.Add(row);
                        await output.WriteLineAsync($"  steady {row[0]} embeddings {row[1]} c={concurrency}: {string.Join(", ", row)}");
                    }
                }
            }
        }

        table.Write(output);
        if (options.EmbeddingModes.Contains(true))
        {
            ReembedCost.Write(output, embeddedRows, options.Prices);
        }

        await output.WriteLineAsync("  target: CPU per event <= 1 ms at concurrency 64 (not enforced)");
        await output.WriteLineAsync("  ledger: writes per usage shard per second (Firestore sustains about 1 per document); USAGE_SHARDS sets the shards");
    }

    /// <param name="notices">Notices on, published to this emulator; null for off.</param>
    /// <param name="embeddings">Embeddings on (the local settings' model) or off (EMBEDDING_MODEL blank).</param>
    private async Task<string[]> MeasureAsync(FunctionBuild build, StandIns standIns, string mode, bool embeddings, int concurrency, NoticeRig? notices, CancellationToken cancellationToken)
    {
        var events = Math.Max(options.SteadyEvents, 2 * concurrency);
        var label = notices is null ? mode : mode + "+notices";
        var names = $"{label}-{(embeddings ? "embed" : "plain")}";
        var warmup = standIns.Upload($"steady-warm-{names}-c{concurrency}", Math.Max(100, concurrency));
        var measured = standIns.Upload($"steady-{names}-c{concurrency}", events);
        var settings = standIns.FunctionSettings();
        settings["DESCRIBE_OUTPUT"] = mode;
        if (!embeddings)
        {
            settings["EMBEDDING_MODEL"] = "";
        }

        foreach (var (key, value) in notices?.Settings ?? [])
        {
            settings[key] = value;
        }

        await using var function = build.Start(settings);
        await function.WaitUntilListeningAsync(TimeSpan.FromSeconds(60), cancellationToken);
        using var client = new EventClient(function.BaseAddress);
        await EventClient.RunConcurrentAsync(warmup.Count, Math.Min(concurrency, 16), i => client.SendAsync(warmup[i], null, cancellationToken), cancellationToken);

        var self = Process.GetCurrentProcess();
        var selfCpuBefore = self.TotalProcessorTime;
        var before = ProcStats.Read(function.Id);
        await using var ledger = await LedgerSampler.StartAsync(standIns.Documents, options.ExtraEnvironment, cancellationToken);
        var start = Stopwatch.GetTimestamp();
        var deliveries = await EventClient.RunConcurrentAsync(events, concurrency, i => client.SendAsync(measured[i], null, cancellationToken), cancellationToken);
        var elapsed = Stopwatch.GetElapsedTime(start).TotalSeconds;
        var (shards, meanPerShard, busiestShard, peakOneSecond) = await ledger.StopAsync(elapsed, cancellationToken);
        var after = ProcStats.Read(function.Id);
        self.Refresh();
        var selfCpu = (self.TotalProcessorTime - selfCpuBefore).TotalMilliseconds;

        var latencies = deliveries.Select(d => d.Ms).ToArray();
        var errors = deliveries.Count(d => d.Status != 200);
        return
        [
            label,
            embeddings ? "on" : "off",
            concurrency.ToString(System.Globalization.CultureInfo.InvariantCulture),
            events.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Table.Num(events / elapsed),
            Table.Num((after.CpuMs - before.CpuMs) / events, "F2"),
            Table.Ms(Stats.Percentile(latencies, 50)),
            Table.Ms(Stats.Percentile(latencies, 99)),
            Table.Num(after.PeakRssMb, "F1"),
            after.Threads.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Table.Num(selfCpu / events, "F2"),
            errors.ToString(System.Globalization.CultureInfo.InvariantCulture),
            shards.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Table.Num(meanPerShard, "F2"),
            Table.Num(busiestShard, "F2"),
            Table.Num(peakOneSecond, "F1"),
        ];
    }
}
