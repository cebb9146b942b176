using System.Diagnostics;
using System.Globalization;
using DescribeFunction.Benchmarks.Measuring;
using DescribeFunction.Benchmarks.Output;
using DescribeFunction.Benchmarks.Running;
using DescribeFunction.Configuration;
using DescribeFunction.FirestoreStore;
using DescribeFunction.Store;

namespace DescribeFunction.Benchmarks.Modes;

/// <summary>One measured run of <see cref="BudgetBenchmark"/>: a fresh function process (or two) with its own ledger and allocation.</summary>
internal sealed record BudgetRun(string Mode, double EventsPerSecond, double P50, double P99, double FirestorePerEvent, int Errors, int Docs, double WritesPerDocPerSecond, double BusiestDocPerSecond)
{
    public static async Task<BudgetRun> MeasureAsync(FunctionBuild build, StandIns standIns, string mode, long? budget, int events, int concurrency, CancellationToken cancellationToken)
    {
        var (settings, usage) = Settings(standIns, mode, budget);
        var warmup = standIns.Upload($"budget-warm-{mode}", 100);
        var measured = standIns.Upload($"budget-{mode}", events);
        await using var function = build.Start(settings);
        await function.WaitUntilListeningAsync(TimeSpan.FromSeconds(60), cancellationToken);
        using var client = new EventClient(function.BaseAddress);
        await EventClient.RunConcurrentAsync(warmup.Count, 16, i => client.SendAsync(warmup[i], null, cancellationToken), cancellationToken);

        var writesBefore = await WritesAsync(standIns, usage, cancellationToken);
        var requestsBefore = standIns.Environment.Firestore.Faults.RequestCount;
        var start = Stopwatch.GetTimestamp();
        var deliveries = await EventClient.RunConcurrentAsync(events, concurrency, i => client.SendAsync(measured[i], null, cancellationToken), cancellationToken);
        var elapsed = Stopwatch.GetElapsedTime(start).TotalSeconds;
        var requests = standIns.Environment.Firestore.Faults.RequestCount - requestsBefore;
        var writes = (await WritesAsync(standIns, usage, cancellationToken))
            .Select(kv => kv.Value - writesBefore.GetValueOrDefault(kv.Key)).Where(w => w > 0).ToArray();

        var latencies = deliveries.Select(d => d.Ms).ToArray();
        return new BudgetRun(
            mode, events / elapsed, Stats.Percentile(latencies, 50), Stats.Percentile(latencies, 99), requests / (double)events,
            deliveries.Count(d => d.Status != 200), writes.Length,
            writes.Length == 0 ? 0 : writes.Average() / elapsed, writes.Length == 0 ? 0 : writes.Max() / elapsed);
    }

    /// <summary>Two instances, one budget, every event at once: what was described, deferred, called and granted.</summary>
    public static async Task<(int Described, int Deferred, int ModelCalls, long Granted)> OverGrantAsync(
        FunctionBuild build, StandIns standIns, string mode, long budget, int events, int concurrency, CancellationToken cancellationToken)
    {
        var (settings, usage) = Settings(standIns, mode, budget);
        settings["FIRESTORE_COLLECTION"] = "overgrant-" + Guid.NewGuid().ToString("N")[..10];
        var objects = standIns.Upload($"overgrant-{mode}", events);
        await using var first = build.Start(settings);
        await using var second = build.Start(settings);
        await Task.WhenAll(
            first.WaitUntilListeningAsync(TimeSpan.FromSeconds(60), cancellationToken),
            second.WaitUntilListeningAsync(TimeSpan.FromSeconds(60), cancellationToken));
        using var one = new EventClient(first.BaseAddress);
        using var two = new EventClient(second.BaseAddress);
        var callsBefore = standIns.Environment.Describer.Faults.RequestCount;

        await EventClient.RunConcurrentAsync(events, concurrency, i => (i % 2 == 0 ? one : two).SendAsync(objects[i], null, cancellationToken), cancellationToken);

        var calls = standIns.Environment.Describer.Faults.RequestCount - callsBefore;
        var documents = await standIns.Documents.ListAsync(settings["FIRESTORE_COLLECTION"], cancellationToken);
        var allocation = await standIns.Documents.ListAsync(AllocationDocuments.GrantsPath(usage.Ledger.FirestoreUsageCollection, usage.Model.DescribeModel, Today), cancellationToken);
        return (
            documents.Count(d => d.Fields.GetString("status") == DescriptionStatus.Done),
            documents.Count(d => d.Fields.GetString("status") == DescriptionStatus.Deferred),
            calls,
            allocation.Sum(d => AllocationDocuments.Read(d.Fields).Granted.Images));
    }

    public string[] Row(BudgetRun baseline)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        return
        [
            Mode, Table.Num(EventsPerSecond, "F1"), Table.Ms(P50), Table.Ms(P99), Table.Num(P50 - baseline.P50, "F1"), Table.Num(P99 - baseline.P99, "F1"),
            Table.Num(FirestorePerEvent, "F2"), Errors.ToString(CultureInfo.InvariantCulture), Docs.ToString(CultureInfo.InvariantCulture),
            Table.Num(WritesPerDocPerSecond, "F3"), Table.Num(BusiestDocPerSecond, "F3"),
        ];
    }

    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    /// <summary>The function's settings for one run, with a ledger and allocation of its own.</summary>
    private static (Dictionary<string, string> Settings, FunctionSettings Usage) Settings(StandIns standIns, string mode, long? budget)
    {
        var settings = standIns.FunctionSettings();
        var usage = new FunctionSettings
        {
            Ledger = new() { FirestoreUsageCollection = $"budget-usage-{mode}-{Guid.NewGuid():N}"[..32] },
            Model = new() { DescribeModel = settings.GetValueOrDefault("DESCRIBE_MODEL", new FunctionSettings().Model.DescribeModel) },
        };
        settings["FIRESTORE_USAGE_COLLECTION"] = usage.Ledger.FirestoreUsageCollection;
        if (budget is { } images)
        {
            settings["DAILY_IMAGE_BUDGET"] = images.ToString(CultureInfo.InvariantCulture);
            settings["BUDGET_MODE"] = mode;
        }

        return (settings, usage);
    }

    /// <summary>Each allocation document's <c>writes</c> counter.</summary>
    private static async Task<Dictionary<string, long>> WritesAsync(StandIns standIns, FunctionSettings usage, CancellationToken cancellationToken)
    {
        var documents = await standIns.Documents.ListAsync(AllocationDocuments.GrantsPath(usage.Ledger.FirestoreUsageCollection, usage.Model.DescribeModel, Today), cancellationToken);
        return documents.ToDictionary(d => d.Id, d => AllocationDocuments.Writes(d.Fields));
    }
}
