using System.Globalization;
using DescribeFunction.Benchmarks.Measuring;
using DescribeFunction.Benchmarks.Output;
using DescribeFunction.Benchmarks.Running;

namespace DescribeFunction.Benchmarks.Modes;

/// <summary>
/// What a daily budget costs, per <c>BUDGET_MODE</c>: events/s and latency with no budget, approximate and strict (a
/// budget too large to be reached, so every event is described), the allocation documents' writes per second; then
/// the over-grant runs: two instances sharing a budget of 100 with 400 events at once, in each mode. Returns how many
/// model calls went over the budget in strict mode (the exit code is 1 if any did).
/// </summary>
internal sealed class BudgetBenchmark(BenchmarkOptions options, BuildSet builds, TextWriter output)
{
    private const int OverGrantBudget = 100;
    private const int OverGrantEvents = 400;

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var build = await builds.FunctionAsync(cancellationToken);
        await using var standIns = await StandIns.StartAsync(options.ExtraEnvironment, cancellationToken);
        standIns.Environment.DescriberSettings.AnswerChunks = options.Chunks;
        standIns.Environment.DescriberSettings.ChunkDelay = TimeSpan.Zero;
        var concurrency = options.SteadyConcurrency[^1];
        var cost = new Table(
            $"Budget modes: fast describer ({options.Chunks} chunks), concurrency {concurrency}, {options.SteadyEvents} events, one instance, build {build.Name}",
            "mode", "events/s", "p50 ms", "p99 ms", "added p50 ms", "added p99 ms", "Firestore requests/event", "errors", "allocation docs written", "writes/doc/s mean", "busiest doc writes/s");
        BudgetRun? baseline = null;
        foreach (var mode in new[] { "none", "approximate", "strict" })
        {
            var run = await BudgetRun.MeasureAsync(build, standIns, mode, mode == "none" ? null : 100_000_000, options.SteadyEvents, concurrency, cancellationToken);
            baseline ??= run;
            cost.Add(run.Row(baseline));
            await output.WriteLineAsync($"  budget {mode}: {string.Join(", ", run.Row(baseline))}");
        }

        cost.Write(output);

        var overGrant = new Table(
            $"Over-grant: two instances share DAILY_IMAGE_BUDGET={OverGrantBudget}; {OverGrantEvents} events, {concurrency} at once, alternating instances",
            "mode", "described", "deferred", "model calls", "granted (strict)", "over the budget");
        var worstStrict = 0;
        foreach (var mode in new[] { "approximate", "strict" })
        {
            var result = await BudgetRun.OverGrantAsync(build, standIns, mode, OverGrantBudget, OverGrantEvents, concurrency, cancellationToken);
            var over = (int)Math.Max(0, Math.Max(result.ModelCalls, result.Granted) - OverGrantBudget);
            worstStrict = mode == "strict" ? over : worstStrict;
            overGrant.Add(mode, N(result.Described), N(result.Deferred), N(result.ModelCalls), mode == "strict" ? N(result.Granted) : "-", N(over));
        }

        overGrant.Write(output);
        await output.WriteLineAsync($"  worst over-grant in strict mode: {worstStrict} (must be 0)");
        return worstStrict;
    }

    private static string N(long value) => value.ToString(CultureInfo.InvariantCulture);
}
