using DescribeFunction.Local.Faults;
using DescribeFunction.Tests.Infrastructure;

namespace DescribeFunction.Tests.Backfill;

/// <summary>Faults in the listing, in Firestore and in the model: retried, or recorded, and never lost.</summary>
public sealed class BackfillFaultTests : IAsyncLifetime
{
    private const string Chat = "chat/completions";
    private BackfillHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await BackfillHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task TransientFaultsEverywhere_AreRetried_AndAPermanentOneIsRecorded()
    {
        var images = _harness.PutImages("faults/", 20);
        _harness.Environment.Storage.Faults.Add(new FaultPlan { Status = 503, Count = 2, PathContains = "/o" });
        _harness.Environment.Firestore.Faults.Add(new FaultPlan { Status = 503, Count = 1, PathContains = ":batchGet" });
        _harness.Environment.Firestore.Faults.Add(new FaultPlan { Status = 409, Count = 3, PathContains = ":commit" });
        _harness.Environment.Firestore.Faults.Add(new FaultPlan { Status = 503, Count = 3, PathContains = ":commit" });
        _harness.Environment.Describer.Faults.Add(new FaultPlan { Status = 500, Count = 3, PathContains = Chat });
        _harness.Environment.Describer.Faults.Add(new FaultPlan { Status = 429, Count = 2, PathContains = Chat });
        _harness.Environment.Describer.Faults.Add(new FaultPlan { CutAfterChunks = 2, Count = 2, PathContains = Chat });
        _harness.Environment.Describer.Faults.Add(new FaultPlan { Status = 400, Count = 1, PathContains = Chat });

        var result = await _harness.RunAsync("--concurrency", "4");

        var documents = await _harness.DocumentsAsync(images);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal((19L, 1L), (result.Count("described"), result.Count("recordedFailed")));
        Assert.Equal(19, documents.Count(d => d?.Fields.GetString("status") == "done"));
        var failed = Assert.Single(documents, d => d?.Fields.GetString("status") == "failed");
        Assert.Equal("endpoint-400", failed!.Fields.GetMap("error")?.GetString("code"));
    }

    [Fact]
    public async Task ModelDownThroughoutTheRun_LeavesTransientFailures_ExitCode1_AndARerunFinishes()
    {
        var images = _harness.PutImages("down/", 3);
        var settings = new Dictionary<string, string?> { ["DESCRIBE_DEADLINE"] = "1s" };
        _harness.Environment.Describer.Faults.Add(new FaultPlan { Status = 503, Count = 10_000, PathContains = Chat });

        var down = await _harness.RunAsync(settings, null, default);
        var waiting = await _harness.DocumentsAsync(images);
        _harness.Environment.Describer.Faults.Clear();
        var rerun = await _harness.RunAsync(settings, null, default);

        Assert.Equal((1, 3L), (down.ExitCode, down.Count("transientFailures")));
        Assert.All(waiting, d => Assert.Equal(("processing", true), (d!.Fields.GetString("status"), d.Fields.GetMap("error")?.GetBoolean("transient"))));
        Assert.Equal((0, 3L), (rerun.ExitCode, rerun.Count("described")));
    }

    [Fact]
    public async Task Poison_IsRetriedByRedescribeFailedOnlyWithIncludePoison()
    {
        var images = _harness.PutImages("poison/", 2);
        var settings = new Dictionary<string, string?> { ["DESCRIBE_DEADLINE"] = "1s", ["MAX_ATTEMPTS"] = "1" };
        _harness.Environment.Describer.Faults.Add(new FaultPlan { Status = 503, Count = 10_000, PathContains = Chat });
        var poisoned = await _harness.RunAsync(settings, null, default);
        _harness.Environment.Describer.Faults.Clear();
        var calls = _harness.Describer.RequestCount;

        // The short deadline only makes the poisoning quick; once the endpoint is healthy, a busy machine must not
        // turn a slow first token into a second failure.
        var healthy = new Dictionary<string, string?>(settings) { ["DESCRIBE_DEADLINE"] = "60s" };
        var failedOnly = await _harness.RunAsync(healthy, null, default, "--redescribe", "failed");
        var callsAfterFailedOnly = _harness.Describer.RequestCount;
        var withPoison = await _harness.RunAsync(healthy, null, default, "--redescribe", "failed", "--include-poison");

        Assert.Equal((0, 2L), (poisoned.ExitCode, poisoned.Count("recordedFailed")));
        Assert.Equal((2L, calls), (failedOnly.Count("previouslyFailed"), callsAfterFailedOnly));
        Assert.Equal(2, withPoison.Count("described"));
        Assert.All(await _harness.DocumentsAsync(images), d => Assert.Equal(("done", 1L), (d!.Fields.GetString("status"), d.Fields.GetInt64("attempts"))));
    }
}
