using System.Net;
using DescribeFunction.Local.Describer;
using DescribeFunction.Local.Faults;
using DescribeFunction.Local.Hosting;
using DescribeFunction.Store;
using DescribeFunction.Tests.Infrastructure;
using Xunit.Abstractions;

namespace DescribeFunction.Tests.EndToEnd;

/// <summary>Budgets, the usage ledger and back-pressure through the real host against the stand-ins.</summary>
public sealed class SpendGuardrailTests(ITestOutputHelper output)
{
    private static byte[] Image => DescribeEndToEndTests.Sample("green-yellow-square.webp");

    [Theory]
    [InlineData("approximate")]
    [InlineData("strict")]
    public async Task ImageBudget_200ConcurrentEvents_DefersExactlyThoseOverIt_AndTheLedgerAddsUpToTheDocuments(string mode)
    {
        var since = LedgerTotals.Today;
        await using var stack = await FunctionWithStandIns.StartAsync(
            new Dictionary<string, string?> { ["DAILY_IMAGE_BUDGET"] = "50", ["MAX_CONCURRENT_DESCRIBES"] = "256", ["BUDGET_MODE"] = mode },
            e => e.DescriberSettings.ChunkDelay = TimeSpan.Zero);
        var stored = Enumerable.Range(0, 200).Select(i => stack.Upload($"burst/{i:D3}.webp", Image, "image/webp")).ToArray();

        var responses = await Task.WhenAll(stored.Select(o => stack.DeliverAsync(o)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var documents = await stack.Documents.ListAsync(stack.Collection, CancellationToken.None);
        var done = documents.Where(d => d.Fields.GetString("status") == DescriptionStatus.Done).ToArray();
        var deferred = documents.Where(d => d.Fields.GetString("status") == DescriptionStatus.Deferred).ToArray();
        // One instance reserves what it lets in, so its overshoot bound is zero (docs/spend.md, "Overshoot").
        Assert.Equal((200, 50, 150), (documents.Count, done.Length, deferred.Length));
        Assert.All(deferred, d => Assert.Equal("budget-exceeded", d.Fields.GetMap("error")?.GetString("code")));
        Assert.Equal(50, stack.Environment.Describer.Faults.RequestCount);

        var (ledger, shards) = await LedgerTotals.SinceAsync(stack.Documents, stack.Function.Options, since);
        var input = done.Sum(d => d.Fields.GetMap("usage")!.GetInt64("inputTokens")!.Value);
        var output = done.Sum(d => d.Fields.GetMap("usage")!.GetInt64("outputTokens")!.Value);
        Assert.True(input > 0 && output > 0, "the describer reports token usage");
        Assert.Equal(new DailyUsage(50, input, output, 0, 150), ledger);
        Assert.Equal(stack.Function.Options.Ledger.UsageShards, shards);
    }

    [Fact]
    public async Task TokenBudget_AForgedHugeImageHeader_LeavesTheOrdinaryImagesDescribed()
    {
        // A few bytes claiming 40000 × 40000 pixels: by tiles alone over 700,000 tokens, more than a grant shard holds.
        await using var stack = await FunctionWithStandIns.StartAsync(
            new Dictionary<string, string?> { ["DAILY_TOKEN_BUDGET"] = "400000", ["BUDGET_MODE"] = "strict" },
            e => e.DescriberSettings.ChunkDelay = TimeSpan.Zero);
        var forged = await stack.UploadAndDeliverAsync("forged/huge.png", Spending.Grants.TokenEstimatorTests.PngHeader(40000, 40000), "image/png");
        Assert.True(forged.IsSuccessStatusCode, $"the forged image's delivery answered {forged.StatusCode}");

        var ordinary = Enumerable.Range(0, 10).Select(i => stack.Upload($"ordinary/{i}.webp", Image, "image/webp")).ToArray();
        var responses = await Task.WhenAll(ordinary.Select(o => stack.DeliverAsync(o)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        foreach (var stored in ordinary)
        {
            Assert.Equal(DescriptionStatus.Done, (await stack.GetDocumentAsync(stored.Name))?.Fields.GetString("status"));
        }
    }

    [Fact]
    public async Task ImageBudget_TwoInstances_OvershootStaysWithinTheStatedBound()
    {
        var since = LedgerTotals.Today;
        var settings = new Dictionary<string, string?> { ["DAILY_IMAGE_BUDGET"] = "50", ["MAX_CONCURRENT_DESCRIBES"] = "256", ["BUDGET_MODE"] = "approximate" };
        await using var stack = await FunctionWithStandIns.StartAsync(settings, e => e.DescriberSettings.ChunkDelay = TimeSpan.Zero);
        var all = stack.Environment.FunctionSettings.ToDictionary(kv => kv.Key, kv => (string?)kv.Value);
        foreach (var (key, value) in settings)
        {
            all[key] = value;
        }

        await using var second = await RunningFunction.StartAsync(all);
        var stored = Enumerable.Range(0, 200).Select(i => stack.Upload($"two/{i:D3}.webp", Image, "image/webp")).ToArray();

        var responses = await Task.WhenAll(stored.Select((o, i) => i % 2 == 0 ? stack.DeliverAsync(o) : second.Client.SendAsync(FinalizedEvent.Create(o))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var documents = await stack.Documents.ListAsync(stack.Collection, CancellationToken.None);
        var done = documents.Count(d => d.Fields.GetString("status") == DescriptionStatus.Done);
        output.WriteLine($"Two instances, budget 50, 200 events at once: {done} described, {done - 50} over.");
        // docs/spend.md: overshoot ≤ (N − 1) × min(budget, MAX_CONCURRENT_DESCRIBES + r × BUDGET_REFRESH); here N = 2 and the
        // burst arrives within one refresh, so the bound is the budget itself.
        Assert.InRange(done, 50, 50 + 50);
        Assert.Equal(200 - done, documents.Count(d => d.Fields.GetString("status") == DescriptionStatus.Deferred));
        var (ledger, _) = await LedgerTotals.SinceAsync(stack.Documents, stack.Function.Options, since);
        Assert.Equal((done, 200L - done), (ledger.Images, ledger.Deferred));
    }

    [Fact]
    public async Task FailedAndDescribed_AreCountedOnce_InTheSameCommitAsTheirDocuments()
    {
        var since = LedgerTotals.Today;
        await using var stack = await FunctionWithStandIns.StartAsync();
        stack.Environment.Describer.Faults.Add(new FaultPlan { Status = 400, PathContains = "chat/completions" });
        var fine = stack.Upload("fine.webp", Image, "image/webp");

        Assert.Equal(HttpStatusCode.OK, (await stack.UploadAndDeliverAsync("refused.webp", Image, "image/webp")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await stack.DeliverAsync(fine)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await stack.DeliverAsync(fine, eventId: "redelivered")).StatusCode);

        var (ledger, _) = await LedgerTotals.SinceAsync(stack.Documents, stack.Function.Options, since);
        var usage = (await stack.GetDocumentAsync("fine.webp"))!.Fields.GetMap("usage")!;
        Assert.Equal(new DailyUsage(1, usage.GetInt64("inputTokens")!.Value, usage.GetInt64("outputTokens")!.Value, 1, 0), ledger);
    }

    [Fact]
    public async Task CrashBeforeTheFinalCommit_LeavesNoLedgerEntry_AndTheRedeliveryCountsOnce()
    {
        var since = LedgerTotals.Today;
        var dataRoot = Path.Combine(Path.GetTempPath(), "ledger-crash-" + Guid.NewGuid().ToString("N"));
        await using var environment = await LocalEnvironment.StartAsync(LocalPorts.Ephemeral, dataRoot);
        var stored = environment.BucketStore.Put(LocalEnvironment.Bucket, "crash.webp", Image, "image/webp");
        var lease = new Dictionary<string, string> { ["LEASE_DURATION"] = "3s" };
        // Once the stream runs, the next commit is the final one: hold it at the server, then kill the function, so the
        // process dies after describing and before its final commit was applied.
        var held = 0;
        DescriberStandIn.GetLog(environment.Describer).ChunkStreamed += (_, _) =>
        {
            if (Interlocked.Exchange(ref held, 1) == 0)
            {
                environment.Firestore.Faults.Add(new FaultPlan { DelayFirstByteMs = 120_000, PathContains = ":commit" });
            }
        };

        using (var doomed = await FunctionProcessWithStandIns.StartAsync(environment, lease))
        {
            await doomed.WaitUntilListeningAsync();
            var lost = doomed.Client.SendAsync(FinalizedEvent.Create(stored, eventId: "ledger-crash"));
            await Waiting.WaitUntilAsync(() => held == 1 && environment.Firestore.Faults.Pending == 0, TimeSpan.FromSeconds(60), "the final commit to reach the Firestore stand-in and be held there");
            doomed.Process.Signal("KILL");
            await Assert.ThrowsAnyAsync<HttpRequestException>(() => lost);
        }

        using var survivor = await FunctionProcessWithStandIns.StartAsync(environment, lease);
        Assert.Equal(DescriptionStatus.Processing, (await survivor.GetDocumentAsync("crash.webp"))?.Fields.GetString("status"));
        Assert.Equal((DailyUsage.None, 0), await LedgerTotals.SinceAsync(survivor.Documents, survivor.Options, since));
        await survivor.WaitUntilListeningAsync();

        var redelivered = await survivor.Client.SendAsync(FinalizedEvent.Create(stored, eventId: "ledger-crash"));

        Assert.Equal(HttpStatusCode.OK, redelivered.StatusCode);
        var document = (await survivor.GetDocumentAsync("crash.webp"))!.Fields;
        Assert.Equal((DescriptionStatus.Done, 2L), (document.GetString("status"), document.GetInt64("attempts")));
        var usage = document.GetMap("usage")!;
        var (ledger, _) = await LedgerTotals.SinceAsync(survivor.Documents, survivor.Options, since);
        Assert.Equal(new DailyUsage(1, usage.GetInt64("inputTokens")!.Value, usage.GetInt64("outputTokens")!.Value, 0, 0), ledger);
    }

    [Fact]
    public async Task MaxConcurrentDescribes_AnswersTooManyRequestsAtOnceBeyondTheLimit()
    {
        await using var stack = await FunctionWithStandIns.StartAsync(new Dictionary<string, string?> { ["MAX_CONCURRENT_DESCRIBES"] = "2" });
        var log = DescriberStandIn.GetLog(stack.Environment.Describer);
        // The two streams that get slots cannot finish until the others have been answered.
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        log.ChunkStreamed += (_, _) => release.Task.Wait(TimeSpan.FromSeconds(120));
        var busy = Enumerable.Range(0, 2).Select(i => stack.Upload($"slot-{i}.webp", Image, "image/webp")).ToArray();
        var turnedAway = Enumerable.Range(0, 3).Select(i => stack.Upload($"away-{i}.webp", Image, "image/webp")).ToArray();

        var working = busy.Select(o => stack.DeliverAsync(o)).ToArray();
        await Waiting.WaitUntilAsync(() => log.RequestCount == 2, TimeSpan.FromSeconds(60), "both describes to reach the model");
        var refused = await Task.WhenAll(turnedAway.Select(o => stack.DeliverAsync(o)));
        release.SetResult();
        var finished = await Task.WhenAll(working);

        Assert.All(refused, r => Assert.Equal(HttpStatusCode.TooManyRequests, r.StatusCode));
        Assert.All(finished, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(2, log.RequestCount);
        Assert.Null(await stack.GetDocumentAsync("away-0.webp"));
        // Eventarc's redelivery then finds a free slot.
        Assert.Equal(HttpStatusCode.OK, (await stack.DeliverAsync(turnedAway[0])).StatusCode);
    }

    [Fact]
    public async Task ModelQuota429_WithRetryDelayPastTheDeadline_IsGivenBackWithoutAnEarlyRetry()
    {
        // The delay is far past the deadline, and the deadline far past what reaching the model takes on a busy machine.
        await using var stack = await FunctionWithStandIns.StartAsync(new Dictionary<string, string?> { ["DESCRIBE_DEADLINE"] = "30s" });
        stack.Environment.Describer.Faults.Add(new FaultPlan { Status = 429, RetryDelay = "120s", PathContains = "chat/completions" });

        var response = await stack.UploadAndDeliverAsync("quota.webp", Image, "image/webp");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal(1, stack.Environment.Describer.Faults.RequestCount);
        var error = (await stack.GetDocumentAsync("quota.webp"))!.Fields.GetMap("error")!;
        Assert.Equal(("endpoint-429", true), (error.GetString("code"), error.GetBoolean("transient")));
    }

    [Fact]
    public async Task ModelQuota429_WithRetryDelay_IsRetriedAfterItWithinTheDeadline()
    {
        await using var stack = await FunctionWithStandIns.StartAsync(new Dictionary<string, string?> { ["DESCRIBE_DEADLINE"] = "30s" });
        stack.Environment.Describer.Faults.Add(new FaultPlan { Status = 429, RetryDelay = "1s", PathContains = "chat/completions" });

        var response = await stack.UploadAndDeliverAsync("quota-later.webp", Image, "image/webp");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, stack.Environment.Describer.Faults.RequestCount);
        Assert.Equal(DescriptionStatus.Done, (await stack.GetDocumentAsync("quota-later.webp"))!.Fields.GetString("status"));
    }
}
