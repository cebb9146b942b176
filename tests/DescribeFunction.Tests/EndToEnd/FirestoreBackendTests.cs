using System.Net;
using DescribeFunction.Firestore;
using DescribeFunction.Local.Describer;
using DescribeFunction.Local.Hosting;
using DescribeFunction.Store;
using DescribeFunction.Tests.Conformance;
using DescribeFunction.Tests.Infrastructure;

namespace DescribeFunction.Tests.EndToEnd;

/// <summary>
/// Claiming, leases, duplicates, generations and progressive writes, end to end, with the function on each Firestore:
/// the stand-in and Google's official emulator (shared with the differential suite). Each run writes to a collection
/// of its own, as the emulator is shared.
/// </summary>
[Collection(ConformanceServers.Name)]
public sealed class FirestoreBackendTests(ConformanceFixture servers)
{
    private static readonly Dictionary<string, string> ShortLease = new() { ["LEASE_DURATION"] = "2s" };

    private static byte[] Image => DescribeEndToEndTests.Sample("blue-white-portrait.png");

    public static TheoryData<string> Backends => ["standin", "emulator"];

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task TenConcurrentDuplicates_MakeExactlyOneModelCall(string backend)
    {
        await using var stack = await StartAsync(backend);
        stack.Environment.DescriberSettings.ChunkDelay = TimeSpan.FromMilliseconds(20);
        var stored = stack.Upload("popular.png", Image, "image/png");

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => stack.DeliverAsync(stored, eventId: "same-event")));

        Assert.All(responses, r => Assert.True(r.IsSuccessStatusCode, $"HTTP {(int)r.StatusCode}"));
        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        await AssertDoneAsync(stack, "popular.png", attempts: 1);
        Assert.Equal(1, stack.Environment.Describer.Faults.RequestCount);
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task GenerationsDeliveredInReverse_NeverOverwriteTheNewer(string backend)
    {
        await using var stack = await StartAsync(backend);
        var stored = stack.Upload("versions.png", Image, "image/png");

        var newer = await stack.DeliverAsync(stored, generation: stored.Generation);
        var older = await stack.DeliverAsync(stored, generation: stored.Generation - 1);

        Assert.Equal(HttpStatusCode.OK, newer.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, older.StatusCode);
        var f = await AssertDoneAsync(stack, "versions.png", attempts: 1);
        Assert.Equal(stored.Generation, f.GetInt64("generation"));
        Assert.Equal(1, stack.Environment.Describer.Faults.RequestCount);
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task NewGeneration_ReplacesTheOlderDescription(string backend)
    {
        await using var stack = await StartAsync(backend);
        var first = stack.Upload("overwritten.png", Image, "image/png");
        Assert.Equal(HttpStatusCode.OK, (await stack.DeliverAsync(first)).StatusCode);

        var second = stack.Upload("overwritten.png", DescribeEndToEndTests.Sample("sunset-landscape.jpg"), "image/jpeg");
        Assert.Equal(HttpStatusCode.OK, (await stack.DeliverAsync(second)).StatusCode);

        var f = await AssertDoneAsync(stack, "overwritten.png", attempts: 1);
        Assert.Equal(second.Generation, f.GetInt64("generation"));
        Assert.Contains("landscape JPEG", f.GetString("description"), StringComparison.Ordinal);
        Assert.Equal(2, stack.Environment.Describer.Faults.RequestCount);
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task ProgressiveWrites_LetAConcurrentReaderWatchTheTextGrow(string backend)
    {
        await using var stack = await StartAsync(
            backend,
            new Dictionary<string, string?> { ["PROGRESSIVE_WRITES"] = "true", ["PROGRESSIVE_INTERVAL"] = "100ms" },
            env => env.DescriberSettings.ChunkDelay = TimeSpan.FromMilliseconds(40));
        // The progressive writer starts before the model call and chunks leave the describer at least 40 ms apart,
        // so by the fifth chunk more than one interval has passed and a progressive write has begun, however busy
        // the machine. Holding the stream there until the reader has seen a streaming snapshot makes one certain.
        using var hold = StreamHold.AfterChunk(stack.Environment.Describer, 5);
        var seen = new List<(string Status, string Text)>();
        using var stop = new CancellationTokenSource();
        var reader = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var document = await stack.GetDocumentAsync("growing.jpg");
                if (document?.Fields.GetString("description") is { } text)
                {
                    var status = document.Fields.GetString("status")!;
                    seen.Add((status, text));
                    if (status == DescriptionStatus.Streaming)
                    {
                        hold.Release();
                    }
                }

                await Task.Delay(15);
            }
        });

        var response = await stack.UploadAndDeliverAsync("growing.jpg", DescribeEndToEndTests.Sample("sunset-landscape.jpg"), "image/jpeg");
        await stop.CancelAsync();
        await reader;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var final = (await stack.GetDocumentAsync("growing.jpg"))!.Fields;
        Assert.Equal(DescriptionStatus.Done, final.GetString("status"));
        var finalText = final.GetString("description")!;
        var partials = seen.Where(s => s.Status == DescriptionStatus.Streaming).Select(s => s.Text).Distinct().ToList();
        Assert.True(partials.Count > 0, "no streaming snapshot was seen while the stream was held after its fifth chunk");
        // One write at a time, each with the text so far: every snapshot extends the one before and leads to the
        // final text. A snapshot may already hold the whole text before the final commit, so none must be shorter.
        Assert.All(partials, p => Assert.StartsWith(p, finalText, StringComparison.Ordinal));
        Assert.Equal(partials.OrderBy(p => p.Length), partials);
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task KilledMidStream_TheRedeliveryTakesOverOnceTheLeaseLapses(string backend)
    {
        var dataRoot = Path.Combine(Path.GetTempPath(), "crash-" + Guid.NewGuid().ToString("N"));
        await using var environment = await LocalEnvironment.StartAsync(LocalPorts.Ephemeral, dataRoot, servers.Backend(backend));
        environment.DescriberSettings.ChunkDelay = TimeSpan.FromMilliseconds(100);
        var stored = environment.BucketStore.Put(LocalEnvironment.Bucket, "crash.jpg", DescribeEndToEndTests.Sample("sunset-landscape.jpg"), "image/jpeg");
        var log = DescriberStandIn.GetLog(environment.Describer);
        var settings = new Dictionary<string, string>(ShortLease) { ["FIRESTORE_COLLECTION"] = OwnCollection() };

        using (var doomed = await FunctionProcessWithStandIns.StartAsync(environment, settings))
        {
            await doomed.WaitUntilListeningAsync();
            var lost = doomed.Client.SendAsync(FinalizedEvent.Create(stored, eventId: "crash-event"));
            await Waiting.WaitUntilAsync(() => log.RequestCount > 0, TimeSpan.FromSeconds(90), "the doomed function's model call to reach the describer");

            doomed.Process.Signal("KILL");
            await Assert.ThrowsAnyAsync<HttpRequestException>(() => lost);
        }

        using var survivor = await FunctionProcessWithStandIns.StartAsync(environment, settings);
        var orphan = await survivor.GetDocumentAsync("crash.jpg");
        Assert.Equal(DescriptionStatus.Processing, orphan?.Fields.GetString("status"));
        await survivor.WaitUntilListeningAsync();
        environment.DescriberSettings.ChunkDelay = TimeSpan.Zero;
        var redelivered = await survivor.Client.SendAsync(FinalizedEvent.Create(stored, eventId: "crash-event"));

        Assert.Equal(HttpStatusCode.OK, redelivered.StatusCode);
        var f = (await survivor.GetDocumentAsync("crash.jpg"))!.Fields;
        Assert.Equal(DescriptionStatus.Done, f.GetString("status"));
        Assert.Equal(2, f.GetInt64("attempts"));
        Assert.Equal(2, log.RequestCount);
    }

    private Task<FunctionWithStandIns> StartAsync(string backend, Dictionary<string, string?>? settings = null, Action<LocalEnvironment>? configure = null)
    {
        settings ??= [];
        settings["FIRESTORE_COLLECTION"] = OwnCollection();
        return FunctionWithStandIns.StartAsync(settings, configure, servers.Backend(backend));
    }

    private static string OwnCollection() => "e2e-" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>The object's document is done, after that many attempts, with no lease or error left behind.</summary>
    internal static async Task<DocumentFields> AssertDoneAsync(FunctionWithStandIns stack, string name, int attempts)
    {
        var f = (await stack.GetDocumentAsync(name))!.Fields;
        Assert.Equal(DescriptionStatus.Done, f.GetString("status"));
        Assert.Equal(attempts, f.GetInt64("attempts"));
        Assert.False(f.ContainsKey("leaseExpiresAt"));
        Assert.False(f.ContainsKey("error"));
        return f;
    }
}
