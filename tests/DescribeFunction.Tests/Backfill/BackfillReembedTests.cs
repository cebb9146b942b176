using DescribeFunction.Firestore;
using DescribeFunction.Local.Faults;
using DescribeFunction.Local.Hosting;
using DescribeFunction.Store;
using DescribeFunction.Tests.Infrastructure;

namespace DescribeFunction.Tests.Backfill;

/// <summary>
/// <c>backfill --reembed</c> on the stand-ins: only the embedding endpoint is called, vectors and <c>embedder</c> follow
/// the current settings, tokens land in the ledger under the embedding model, and a document that changed meanwhile
/// keeps its own state.
/// </summary>
public sealed class BackfillReembedTests : IAsyncLifetime
{
    internal const string OtherModel = "text-multilingual-embedding-002";
    private const string Predict = ":predict";
    private BackfillHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await BackfillHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Theory]
    [InlineData("EMBEDDING_MODEL", OtherModel)]
    [InlineData("EMBEDDING_DIMENSIONS", "256")]
    public async Task ReembedStale_AfterAnEmbeddingChange_MakesEmbeddingCallsAndZeroDescribeCalls(string setting, string value) =>
        await AfterAnEmbeddingChangeAsync(_harness, new() { [setting] = value });

    [Fact]
    public async Task ReembedMissing_FillsInDocumentsStoredWithAnEmbeddingError()
    {
        _harness.Environment.Describer.Faults.Add(new FaultPlan { Status = 400, Count = 2, PathContains = Predict });
        var images = _harness.PutImages("errors/", 2);
        await _harness.RunAsync();
        Assert.All(await _harness.DocumentsAsync(images), d => Assert.Equal("http-400", d!.Fields.GetMap("embeddingError")?.GetString("code")));
        var chats = _harness.Describer.RequestCount;

        var missing = await _harness.RunAsync("--reembed", "missing");

        Assert.Equal((0, 2L, 2L, 0L), (missing.ExitCode, missing.Count("done"), missing.Count("reembedded"), missing.Count("upToDate")));
        Assert.Equal(chats, _harness.Describer.RequestCount);
        Assert.All(await _harness.DocumentsAsync(images), d =>
        {
            Assert.Equal(768, d!.Fields.GetVector("embedding")?.Values.Count);
            Assert.Equal(LocalEnvironment.DefaultEmbeddingModel, d.Fields.GetMap("embedder")?.GetString("model"));
            Assert.False(d.Fields.ContainsKey("embeddingError"));
        });
    }

    [Fact]
    public async Task ReembedFailures_TransientLeaveTheDocumentForTheNextRun_PermanentRecordAnEmbeddingError()
    {
        var image = _harness.PutImage("failing/one");
        await _harness.RunAsync();
        var before = (await _harness.DocumentAsync(image))!;
        var other = new Dictionary<string, string?> { ["EMBEDDING_MODEL"] = OtherModel };

        _harness.Environment.Describer.Faults.Add(new FaultPlan { Status = 503, Count = 1000, PathContains = Predict });
        var transient = await _harness.RunAsync(other, null, default, "--reembed", "stale");
        _harness.Environment.Describer.Faults.Clear();
        var unchanged = (await _harness.DocumentAsync(image))!;
        _harness.Environment.Describer.Faults.Add(new FaultPlan { Status = 400, Count = 1, PathContains = Predict });
        var permanent = await _harness.RunAsync(other, null, default, "--reembed", "stale");
        var recorded = (await _harness.DocumentAsync(image))!;
        var retried = await _harness.RunAsync(other, null, default, "--reembed", "missing");

        Assert.Equal((1, 1L, 0L), (transient.ExitCode, transient.Count("failed"), transient.Count("reembedded")));
        Assert.Equal(before.UpdateTimeRaw, unchanged.UpdateTimeRaw);
        Assert.Equal((0, 1L), (permanent.ExitCode, permanent.Count("errorRecorded")));
        Assert.Equal("http-400", recorded.Fields.GetMap("embeddingError")?.GetString("code"));
        Assert.False(recorded.Fields.ContainsKey("embedding")); // the old model's vector would not match a new model's queries
        Assert.Equal((0, 1L), (retried.ExitCode, retried.Count("reembedded")));
        Assert.Equal(OtherModel, (await _harness.DocumentAsync(image))!.Fields.GetMap("embedder")?.GetString("model"));
        Assert.Equal(1, _harness.Describer.RequestCount);
    }

    [Fact]
    public async Task ReembedStale_DocumentRedescribedMeanwhile_IsNotOverwrittenWithTheOldTextsVector()
    {
        var image = _harness.PutImage("changing/one");
        await _harness.RunAsync();
        var since = LedgerTotals.Today;
        var faults = _harness.Environment.Describer.Faults;
        faults.Add(new FaultPlan { DelayFirstByteMs = 3000, PathContains = Predict });

        var run = _harness.RunAsync(new Dictionary<string, string?> { ["EMBEDDING_MODEL"] = OtherModel }, null, default, "--reembed", "stale");
        await Waiting.WaitUntilAsync(() => faults.Pending == 0, TimeSpan.FromSeconds(60), "the re-embedding's call to the embedding endpoint");
        var newer = new DocumentFields().Set("description", "A newer description.");
        await _harness.Documents.CommitAsync([FirestoreWrite.Update(_harness.Collection, DocumentId.FromObjectName(image), newer)], CancellationToken.None);
        var result = await run;

        Assert.Equal((0, 1L, 0L), (result.ExitCode, result.Count("changedMeanwhile"), result.Count("reembedded")));
        var f = (await _harness.DocumentAsync(image))!.Fields;
        Assert.Equal("A newer description.", f.GetString("description"));
        Assert.Equal(LocalEnvironment.DefaultEmbeddingModel, f.GetMap("embedder")?.GetString("model"));
        Assert.Equal((DailyUsage.None, 0), await LedgerTotals.SinceAsync(_harness.Documents, _harness.Options, since, OtherModel));
    }

    [Fact]
    public async Task ReembedStale_InStructuredMode_ComposesTheTextAsTheFunctionDid()
    {
        var structured = new Dictionary<string, string?> { ["DESCRIBE_OUTPUT"] = "structured" };
        var images = _harness.PutImages("structured/", 2);
        await _harness.RunAsync(structured, null, default);
        var hashes = (await _harness.DocumentsAsync(images)).Select(d => d!.Fields.GetMap("embedder")?.GetString("hash")).ToList();

        var stale = await _harness.RunAsync(structured, null, default, "--reembed", "stale");
        var all = await _harness.RunAsync(structured, null, default, "--reembed", "all");

        Assert.Equal((2L, 0L), (stale.Count("upToDate"), stale.Count("reembedded")));
        Assert.Equal(2, all.Count("reembedded"));
        var texts = _harness.Describer.Embeddings.Select(e => e.Text).ToList();
        Assert.Equal(4, texts.Count);
        Assert.Contains("Labels: ", texts[0], StringComparison.Ordinal);
        Assert.Equal(texts.Take(2).Order(StringComparer.Ordinal), texts.Skip(2).Order(StringComparer.Ordinal));
        Assert.Equal(hashes, (await _harness.DocumentsAsync(images)).Select(d => d!.Fields.GetMap("embedder")?.GetString("hash")));
    }

    [Fact]
    public async Task ReembedAll_HonoursPrefixShardsMaxObjectsAndNotDone()
    {
        _harness.PutImages("a/", 5);
        _harness.PutImages("b/", 2);
        await _harness.RunAsync();
        _harness.PutImage("a/undescribed");
        var shard = (string index) => new Dictionary<string, string?> { ["CLOUD_RUN_TASK_INDEX"] = index, ["CLOUD_RUN_TASK_COUNT"] = "2" };

        var capped = await _harness.RunAsync("--reembed", "all", "--prefix", "a/", "--max-objects", "2");
        var first = await _harness.RunAsync(shard("0"), null, default, "--reembed", "all", "--prefix", "a/");
        var second = await _harness.RunAsync(shard("1"), null, default, "--reembed", "all", "--prefix", "a/");

        Assert.Equal((0, 2L, "max-objects"), (capped.ExitCode, capped.Count("reembedded"), capped.Summary.GetProperty("stoppedBy").GetString()));
        Assert.Equal(6L, first.Count("listed") + second.Count("listed"));
        Assert.Equal((5L, 1L), (first.Count("reembedded") + second.Count("reembedded"), first.Count("notDone") + second.Count("notDone")));
        Assert.Equal(7 + 2 + 5, _harness.Describer.Embeddings.Count);
        Assert.Equal(7, _harness.Describer.RequestCount);
    }

    [Fact]
    public async Task ReembedStopped_FinishesTheCallInFlight_AndStartsNoOther()
    {
        _harness.PutImages("stopped/", 4);
        await _harness.RunAsync();
        var faults = _harness.Environment.Describer.Faults;
        faults.Add(new FaultPlan { DelayFirstByteMs = 2000, PathContains = Predict });
        using var stop = new CancellationTokenSource();

        var run = _harness.RunAsync(null, null, stop.Token, "--reembed", "all", "--concurrency", "1");
        await Waiting.WaitUntilAsync(() => faults.Pending == 0, TimeSpan.FromSeconds(60), "the first re-embedding call");
        await stop.CancelAsync();
        var result = await run;

        Assert.Equal((1, 1L, 3L, "cancelled"), (result.ExitCode, result.Count("reembedded"), result.Count("notStarted"), result.Summary.GetProperty("stoppedBy").GetString()));
        Assert.Equal(4 + 1, _harness.Describer.Embeddings.Count);
    }

    [Theory]
    [InlineData(new[] { "--reembed", "sometimes" }, "The option --reembed must be missing, stale or all, not 'sometimes'.")]
    [InlineData(new[] { "--reembed", "stale", "--redescribe", "all" }, "The option --reembed cannot be combined with --redescribe: a run either re-embeds, renotifies or describes.")]
    [InlineData(new[] { "--renotify", "--reembed", "all" }, "The option --reembed cannot be combined with --renotify: a run either re-embeds, renotifies or describes.")]
    public async Task ReembedBadOption_IsOneSentenceAndExitCode2(string[] args, string expected)
    {
        _harness.PutImage("never/touched");

        var result = await _harness.RunAsync(args);

        Assert.Equal((2, expected), (result.ExitCode, result.Errors));
        Assert.Equal((0, 0), (_harness.Describer.RequestCount, _harness.Describer.Embeddings.Count));
    }

    [Fact]
    public async Task ReembedWithoutAnEmbeddingModel_IsOneSentenceAndExitCode2()
    {
        var result = await _harness.RunAsync(new Dictionary<string, string?> { ["EMBEDDING_MODEL"] = "" }, null, default, "--reembed", "missing");

        Assert.Equal((2, "The option --reembed needs EMBEDDING_MODEL set: the model to embed the stored descriptions with."), (result.ExitCode, result.Errors));
    }

    /// <summary>
    /// Describes 3 images with the default embedder, changes <paramref name="change"/>, then re-embeds: a dry run
    /// counts, the real run calls only the embedding endpoint and counts its tokens under the embedding model, and a
    /// second run finds nothing stale.
    /// </summary>
    internal static async Task AfterAnEmbeddingChangeAsync(BackfillHarness harness, Dictionary<string, string?> change)
    {
        var images = harness.PutImages("photos/", 3);
        Assert.Equal(3, (await harness.RunAsync()).Count("described"));
        var (chats, embeddings) = (harness.Describer.RequestCount, harness.Describer.Embeddings.Count);
        var model = change.GetValueOrDefault("EMBEDDING_MODEL") ?? harness.Options.Embedding.EmbeddingModel!;
        var dimensions = int.Parse(change.GetValueOrDefault("EMBEDDING_DIMENSIONS") ?? "768", System.Globalization.CultureInfo.InvariantCulture);
        var since = LedgerTotals.Today;
        var (ledgerBefore, _) = await LedgerTotals.SinceAsync(harness.Documents, harness.Options, since, model);

        var unchanged = await harness.RunAsync("--reembed", "stale");
        var dry = await harness.RunAsync(change, null, default, "--reembed", "stale", "--dry-run");
        var stale = await harness.RunAsync(change, null, default, "--reembed", "stale");
        var again = await harness.RunAsync(change, null, default, "--reembed", "stale");

        Assert.Equal((3, 3), (chats, embeddings));
        Assert.Equal((0, 3L, 0L), (unchanged.ExitCode, unchanged.Count("upToDate"), unchanged.Count("reembedded")));
        Assert.Equal((3L, 0L), (dry.Count("selected"), dry.Count("reembedded")));
        Assert.Equal((0, 3L, 3L, 3L), (stale.ExitCode, stale.Count("listed"), stale.Count("done"), stale.Count("reembedded")));
        Assert.Equal((0, 0L, 3L), (again.ExitCode, again.Count("reembedded"), again.Count("upToDate")));
        Assert.Equal(chats, harness.Describer.RequestCount); // zero describe calls
        var calls = harness.Describer.Embeddings.Skip(embeddings).ToList();
        Assert.Equal(3, calls.Count);
        Assert.All(calls, c => Assert.Equal((model, "RETRIEVAL_DOCUMENT"), (c.Model, c.TaskType)));
        var documents = await harness.DocumentsAsync(images);
        Assert.All(documents, d =>
        {
            var f = d!.Fields;
            Assert.Equal((model, (long)dimensions), (f.GetMap("embedder")?.GetString("model"), f.GetMap("embedder")?.GetInt64("dimensions")));
            Assert.Equal(dimensions, f.GetVector("embedding")?.Values.Count);
            Assert.Contains(calls, c => c.Text == f.GetString("description"));
        });
        var (ledgerAfter, _) = await LedgerTotals.SinceAsync(harness.Documents, harness.Options, since, model);
        Assert.True(stale.Count("tokens") > 0);
        Assert.Equal((3L, stale.Count("tokens"), 0L), (ledgerAfter.Images - ledgerBefore.Images, ledgerAfter.InputTokens - ledgerBefore.InputTokens, ledgerAfter.OutputTokens - ledgerBefore.OutputTokens));
    }
}
