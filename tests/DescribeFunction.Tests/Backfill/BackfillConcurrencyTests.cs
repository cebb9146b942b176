using System.Globalization;
using DescribeFunction.Local.Hosting;
using DescribeFunction.Tests.Infrastructure;

namespace DescribeFunction.Tests.Backfill;

/// <summary>Shards, live events and a killed run: whatever runs at once, one model call per object version.</summary>
public sealed class BackfillConcurrencyTests : IAsyncLifetime
{
    private BackfillHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await BackfillHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task FourShardsAtOnce_CoverEveryObjectExactlyOnce()
    {
        var images = _harness.PutImages("sharded/", 60);
        _harness.Put("sharded/readme.txt", "text", "text/plain");

        var runs = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => _harness.RunAsync(
            new Dictionary<string, string?> { ["CLOUD_RUN_TASK_INDEX"] = i.ToString(CultureInfo.InvariantCulture), ["CLOUD_RUN_TASK_COUNT"] = "4" }, null, default)));

        Assert.All(runs, r => Assert.Equal(0, r.ExitCode));
        Assert.Equal(61, runs.Sum(r => r.Count("listed")));
        Assert.Equal(3 * 61, runs.Sum(r => r.Count("outsideShard")));
        Assert.Equal(60, runs.Sum(r => r.Count("described")));
        Assert.Equal(images.Order(StringComparer.Ordinal), _harness.CallsByObject().Keys.Order(StringComparer.Ordinal));
        Assert.All(_harness.CallsByObject().Values, n => Assert.Equal(1, n));
        Assert.All(runs, r => Assert.InRange(r.Count("described"), 1, 30));
    }

    [Fact]
    public async Task BackfillRacingLiveEvents_MakesOneCallPerVersion()
    {
        var images = _harness.PutImages("raced/", 30);
        await using var function = await RunningFunction.StartAsync(_harness.Settings);
        var objects = images.Select(n => _harness.Environment.BucketStore.GetMetadata(LocalEnvironment.Bucket, n)!).ToArray();

        var events = Task.WhenAll(objects.Select(async o =>
        {
            using var response = await function.Client.SendAsync(FinalizedEvent.Create(o));
            return (int)response.StatusCode;
        }));
        var backfill = await _harness.RunAsync("--concurrency", "8");
        var answers = await events;

        Assert.Equal(0, backfill.ExitCode);
        Assert.All(answers, status => Assert.InRange(status, 200, 299));
        Assert.Equal(images.Order(StringComparer.Ordinal), _harness.CallsByObject().Keys.Order(StringComparer.Ordinal));
        Assert.All(_harness.CallsByObject().Values, n => Assert.Equal(1, n));
        Assert.Equal(30, backfill.Count("described") + backfill.Count("skipped") + backfill.Count("upToDate"));
        Assert.All(await _harness.DocumentsAsync(images), d => Assert.Equal("done", d!.Fields.GetString("status")));
    }

    [Fact]
    public async Task KilledMidway_RunAgain_FinishesWithoutDescribingAFinishedImageTwice()
    {
        var images = _harness.PutImages("killed/", 40);
        _harness.Environment.DescriberSettings.ChunkDelay = TimeSpan.FromMilliseconds(15);
        var leases = new Dictionary<string, string?> { ["LEASE_DURATION"] = "2s", ["DUPLICATE_WAIT"] = "10s" };

        using (var process = _harness.StartProcess(leases, "--concurrency", "4"))
        {
            await Waiting.WaitUntilAsync(() => _harness.Describer.RequestCount >= 10 || process.HasExited, TimeSpan.FromSeconds(120), "ten model calls from the backfill process");
            process.Signal("KILL");
            await process.WaitForExitAsync(TimeSpan.FromSeconds(30));
        }

        var documents = await _harness.DocumentsAsync(images);
        var doneBeforeKill = images.Where((_, i) => documents[i]?.Fields.GetString("status") == "done").ToHashSet(StringComparer.Ordinal);
        var callsBeforeKill = _harness.CallsByObject();
        _harness.Environment.DescriberSettings.ChunkDelay = TimeSpan.Zero;

        var rerun = await _harness.RunAsync(leases, null, default);

        var calls = _harness.CallsByObject();
        Assert.Equal(0, rerun.ExitCode);
        Assert.InRange(doneBeforeKill.Count, 1, 39);
        Assert.All(await _harness.DocumentsAsync(images), d => Assert.Equal("done", d!.Fields.GetString("status")));
        // What the killed run finished is never described again; what it had in flight is described once more.
        Assert.All(doneBeforeKill, name => Assert.Equal(1, calls[name]));
        Assert.All(images, name => Assert.Equal(callsBeforeKill.GetValueOrDefault(name) + (doneBeforeKill.Contains(name) ? 0 : 1), calls[name]));
        Assert.Equal(40 - doneBeforeKill.Count, rerun.Count("described"));
    }
}
