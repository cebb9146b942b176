using System.Diagnostics;
using DescribeFunction.Benchmarks.Measuring;
using DescribeFunction.Benchmarks.Output;
using DescribeFunction.Benchmarks.Running;

namespace DescribeFunction.Benchmarks.Modes;

/// <summary>
/// Cold start: from starting the function's process to its first event's document being <c>done</c> (the function
/// answers 200 only once the description is committed), for each build, in fresh processes, runs interleaved.
/// </summary>
internal sealed class ColdStartBenchmark(BenchmarkOptions options, BuildSet builds, TextWriter output)
{
    private int _objects;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var list = await builds.ColdStartBuildsAsync(cancellationToken);
        await using var standIns = await StandIns.StartAsync(cancellationToken);
        var settings = standIns.FunctionSettings();
        var results = list.ToDictionary(b => b.Name, _ => new List<(double Total, double Listening)>());
        // One discarded start per build warms the file cache and the stand-ins.
        foreach (var build in list)
        {
            await MeasureAsync(build, standIns, settings, cancellationToken);
        }

        for (var run = 0; run < options.Runs; run++)
        {
            foreach (var build in list)
            {
                results[build.Name].Add(await MeasureAsync(build, standIns, settings, cancellationToken));
            }
        }

        Write(list, results);
    }

    private async Task<(double Total, double Listening)> MeasureAsync(FunctionBuild build, StandIns standIns, Dictionary<string, string> settings, CancellationToken cancellationToken)
    {
        var stored = standIns.Upload($"cold-{Interlocked.Increment(ref _objects)}", 1)[0];
        await using var function = FunctionProcess.Start(build, settings);
        await function.WaitUntilListeningAsync(TimeSpan.FromSeconds(60), cancellationToken);
        var listening = Stopwatch.GetElapsedTime(function.StartedAt).TotalMilliseconds;
        using var client = new EventClient(function.BaseAddress);
        var delivery = await client.SendAsync(stored, null, cancellationToken);
        var total = Stopwatch.GetElapsedTime(function.StartedAt, delivery.EndedAt).TotalMilliseconds;
        var status = (await standIns.DocumentAsync(stored.Name, cancellationToken))?.Fields.GetString("status");
        if (delivery.Status != 200 || status != "done")
        {
            throw new InvalidOperationException($"{build.Name}: the first event got HTTP {delivery.Status}, document status '{status}':\n{function.OutputTail()}");
        }

        return (total, listening);
    }

    private void Write(IReadOnlyList<FunctionBuild> list, Dictionary<string, List<(double Total, double Listening)>> results)
    {
        var table = new Table(
            $"Cold start: process start to the first event's document `done` ({options.Runs} runs per build; ratios to fd)",
            "build", "median ms", "min ms", "max ms", "median/fd", "min/fd", "max/fd", "listening ms (median)", "path");
        var fd = results.GetValueOrDefault("fd")?.Select(r => r.Total).ToArray();
        foreach (var build in list)
        {
            var totals = results[build.Name].Select(r => r.Total).ToArray();
            var (median, min, max) = (Stats.Median(totals), totals.Min(), totals.Max());
            table.Add(
                build.Name, Table.Ms(median), Table.Ms(min), Table.Ms(max),
                fd is null ? "-" : Table.Ratio(median / Stats.Median(fd)),
                fd is null ? "-" : Table.Ratio(min / fd.Min()),
                fd is null ? "-" : Table.Ratio(max / fd.Max()),
                Table.Ms(Stats.Median(results[build.Name].Select(r => r.Listening).ToArray())),
                (build.RunsWithDotnet ? "dotnet " : "") + build.Path);
        }

        foreach (var missing in new[] { "r2r", "aot" }.Where(n => !results.ContainsKey(n)))
        {
            table.Add(missing, "not given", "", "", "", "", "", "", missing == "aot" ? "pass --build aot=PATH/DescribeFunction" : "pass --r2r or --build r2r=PATH");
        }

        table.Write(output);
    }
}
