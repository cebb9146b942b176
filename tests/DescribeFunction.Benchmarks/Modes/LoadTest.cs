using System.Collections.Concurrent;
using DescribeFunction.Benchmarks.Faults;
using DescribeFunction.Benchmarks.Running;
using DescribeFunction.Local.Storage;

namespace DescribeFunction.Benchmarks.Modes;

/// <summary>
/// The reliability load test: events at a fixed concurrency while faults are injected per request into model calls
/// and Firestore commits (through relays that know which object each request is for). Delivery behaves like
/// Eventarc with retries on: a 5xx or broken connection is redelivered with the same event id after a backoff, and
/// some events are delivered twice at once. At the end every document is read back. Returns the number lost.
/// </summary>
internal sealed class LoadTest(BenchmarkOptions options, BuildSet builds, TextWriter output)
{
    private readonly ConcurrentBag<(int Attempt, bool Duplicate, int Status)> _deliveries = [];

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var build = await builds.FunctionAsync(cancellationToken);
        await using var standIns = await StandIns.StartAsync(options.ExtraEnvironment, cancellationToken);
        var describer = standIns.Environment.DescriberSettings;
        describer.AnswerChunks = options.Chunks;
        describer.ChunkDelay = TimeSpan.FromMilliseconds(options.LoadChunkDelayMs);
        var schedule = new FaultSchedule(options.FaultRate, options.Seed, options.Chunks);
        await using var model = await RelayProxy.StartAsync(standIns.Environment.Describer.BaseAddress, standIns.ObjectNames, schedule.ForModel, cancellationToken);
        await using var firestore = await RelayProxy.StartAsync(standIns.Environment.Firestore.BaseAddress, standIns.ObjectNames, schedule.ForFirestore, cancellationToken);
        await using var notices = options.Notify ? await NoticeRig.StartAsync(standIns.ObjectNames, schedule.ForPubSub, cancellationToken) : null;
        var settings = standIns.FunctionSettings(model.BaseAddress, firestore.HostAndPort);
        foreach (var (key, value) in notices?.Settings ?? [])
        {
            settings[key] = value;
        }

        await using var function = build.Start(settings);
        await function.WaitUntilListeningAsync(TimeSpan.FromSeconds(60), cancellationToken);
        using var client = new EventClient(function.BaseAddress);

        var objects = standIns.Upload("load", options.LoadEvents);
        var random = new Random(options.Seed);
        var duplicated = objects.Select(_ => random.NextDouble() < options.DuplicateRate).ToArray();
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var finals = await EventClient.RunConcurrentAsync(objects.Count, options.LoadConcurrency, async i =>
        {
            var eventId = Guid.NewGuid().ToString();
            var first = DeliverAsync(client, objects[i], eventId, duplicate: false, cancellationToken);
            if (!duplicated[i])
            {
                return await first;
            }

            var again = DeliverAsync(client, objects[i], eventId, duplicate: true, cancellationToken);
            var both = await Task.WhenAll(first, again);
            return both.Contains(200) ? 200 : both[0];
        }, cancellationToken);
        var wall = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds;

        var statuses = new Dictionary<string, string>();
        var errors = new Dictionary<string, string>();
        foreach (var stored in objects)
        {
            var document = await standIns.DocumentAsync(stored.Name, cancellationToken);
            statuses[stored.Name] = document?.Fields.GetString("status") ?? "(no document)";
            if (document?.Fields.GetMap("error") is { } error)
            {
                errors[stored.Name] = $"{error.GetString("code")}: {error.GetString("message")}";
            }
        }

        var report = new LoadReport(options, objects.Select(o => o.Name).ToArray(), duplicated, finals, [.. _deliveries], statuses, errors, model.Exchanges, firestore.Exchanges, wall);
        report.Write(output, [.. function.StandardOutput.Concat(function.StandardError).Where(IsProblem)]);
        var missing = notices is null ? 0 : await NoticeReport.WriteAsync(output, notices, objects, standIns, cancellationToken);
        return report.Lost + missing;
    }

    private static bool IsProblem(string line) =>
        line.Contains(" warn: ", StringComparison.Ordinal) || line.Contains(" fail: ", StringComparison.Ordinal);

    /// <summary>Eventarc with retries on: redeliver the same event after 5xx or a broken connection, backing off.</summary>
    private async Task<int> DeliverAsync(EventClient client, LocalObject stored, string eventId, bool duplicate, CancellationToken cancellationToken)
    {
        var status = 0;
        for (var attempt = 1; attempt <= options.MaxDeliveries; attempt++)
        {
            if (attempt > 1)
            {
                var backoff = Math.Min(1000, 25 * (1 << (attempt - 2)));
                await Task.Delay(TimeSpan.FromMilliseconds(backoff * (0.5 + (Random.Shared.NextDouble() / 2))), cancellationToken);
            }

            status = (await client.SendAsync(stored, eventId, cancellationToken)).Status;
            _deliveries.Add((attempt, duplicate, status));
            if (status is > 0 and < 500)
            {
                return status;
            }
        }

        return status;
    }
}
