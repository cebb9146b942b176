using System.Diagnostics;
using DescribeFunction.Benchmarks.Faults;
using DescribeFunction.Benchmarks.Measuring;
using DescribeFunction.Benchmarks.Output;
using DescribeFunction.Benchmarks.Running;

namespace DescribeFunction.Benchmarks.Modes;

/// <summary>
/// Cold start: from starting the function's process to its first event's document being <c>done</c> (the function
/// answers 200 only once the description is committed), for each build, in fresh processes, runs interleaved. The
/// function reaches the stand-ins through relays, so the first event's time can be split into phases.
/// </summary>
internal sealed class ColdStartBenchmark(BenchmarkOptions options, BuildSet builds, TextWriter output)
{
    private int _objects;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var list = await builds.ColdStartBuildsAsync(cancellationToken);
        await using var standIns = await StandIns.StartAsync(options.ExtraEnvironment, cancellationToken);
        var results = list.ToDictionary(b => b.Name, _ => new List<ColdStart>());
        // One discarded start per build warms the file cache and the stand-ins.
        foreach (var build in list)
        {
            await MeasureAsync(build, standIns, cancellationToken);
        }

        for (var run = 0; run < options.Runs; run++)
        {
            foreach (var build in list)
            {
                results[build.Name].Add(await MeasureAsync(build, standIns, cancellationToken));
            }
        }

        WriteTotals(list, results);
        WritePhases(list, results);
    }

    private async Task<ColdStart> MeasureAsync(FunctionBuild build, StandIns standIns, CancellationToken cancellationToken)
    {
        var stored = standIns.Upload($"cold-{Interlocked.Increment(ref _objects)}", 1)[0];
        await using var model = await RelayProxy.StartAsync(standIns.Environment.Describer.BaseAddress, standIns.ObjectNames, null, cancellationToken);
        await using var firestore = await RelayProxy.StartAsync(standIns.Environment.Firestore.BaseAddress, standIns.ObjectNames, null, cancellationToken);
        await using var function = build.Start(standIns.FunctionSettings(model.BaseAddress, firestore.HostAndPort));
        await function.WaitUntilListeningAsync(TimeSpan.FromSeconds(60), cancellationToken);
        var listening = Stopwatch.GetTimestamp();
        using var client = new EventClient(function.BaseAddress);
        var delivery = await client.SendAsync(stored, null, cancellationToken);
        var status = (await standIns.DocumentAsync(stored.Name, cancellationToken))?.Fields.GetString("status");
        if (delivery.Status != 200 || status != "done")
        {
            throw new InvalidOperationException($"{build.Name}: the first event got HTTP {delivery.Status}, document status '{status}':\n{function.OutputTail()}");
        }

        double Since(long timestamp) => Stopwatch.GetElapsedTime(function.StartedAt, timestamp).TotalMilliseconds;
        var call = model.Exchanges.First();
        return new ColdStart(
            Since(delivery.EndedAt), Since(listening), Since(firestore.Exchanges.Min(e => e.StartedAt)), Since(call.StartedAt), call.Ms);
    }

    private void WriteTotals(IReadOnlyList<FunctionBuild> list, Dictionary<string, List<ColdStart>> results)
    {
        var table = new Table(
            $"Cold start: process start to the first event's document `done` ({options.Runs} runs per build; ratios to fd)",
            "build", "median ms", "min ms", "max ms", "median/fd", "min/fd", "max/fd", "path");
        var fd = results.GetValueOrDefault("fd")?.Select(r => r.Done).ToArray();
        foreach (var build in list)
        {
            var totals = results[build.Name].Select(r => r.Done).ToArray();
            var (median, min, max) = (Stats.Median(totals), totals.Min(), totals.Max());
            table.Add(
                build.Name, Table.Ms(median), Table.Ms(min), Table.Ms(max),
                fd is null ? "-" : Table.Ratio(median / Stats.Median(fd)),
                fd is null ? "-" : Table.Ratio(min / fd.Min()),
                fd is null ? "-" : Table.Ratio(max / fd.Max()),
                (build.RunsWithDotnet ? "dotnet " : "") + build.Path);
        }

        foreach (var missing in new[] { "fd", "r2r", "aot" }.Where(n => !results.ContainsKey(n)))
        {
            table.Add(missing, "not given", "-", "-", "-", "-", "-", missing == "aot" ? "pass --build aot=PATH/DescribeFunction" : "pass --r2r or --build r2r=PATH");
        }

        table.Write(output);
    }

    private void WritePhases(IReadOnlyList<FunctionBuild> list, Dictionary<string, List<ColdStart>> results)
    {
        var table = new Table(
            "Cold start phases (median ms since process start): port open, first Firestore request, model call start, model call duration, done",
            "build", "listening", "first Firestore", "model call", "model call ms", "done");
        foreach (var build in list)
        {
            var runs = results[build.Name];
            double Median(Func<ColdStart, double> phase) => Stats.Median(runs.Select(phase).ToArray());
            table.Add(build.Name, Table.Ms(Median(r => r.Listening)), Table.Ms(Median(r => r.FirstFirestore)), Table.Ms(Median(r => r.ModelCall)), Table.Ms(Median(r => r.ModelCallMs)), Table.Ms(Median(r => r.Done)));
        }

        table.Write(output);
    }

    private readonly record struct ColdStart(double Done, double Listening, double FirstFirestore, double ModelCall, double ModelCallMs);
}
