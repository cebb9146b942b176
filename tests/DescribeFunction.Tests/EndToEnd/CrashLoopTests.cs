using System.Net;
using DescribeFunction.Local.Describer;
using DescribeFunction.Local.Hosting;
using DescribeFunction.Store;
using DescribeFunction.Tests.Infrastructure;

namespace DescribeFunction.Tests.EndToEnd;

/// <summary>
/// A version whose describe kills the instance every time (out of memory, SIGKILL) is paid for at most
/// <c>MAX_ATTEMPTS</c> times: each killed delivery's claim counts, and the claim after the last lapsed lease records
/// <c>failed</c> without a model call.
/// </summary>
public sealed class CrashLoopTests
{
    private const int MaxAttempts = 3;

    /// <summary>Deliveries tried before the test gives up on a bound: past it, the version is being paid for again and again.</summary>
    private const int DeliveryLimit = MaxAttempts + 3;

    [Fact]
    public async Task InstanceKilledMidStreamOnEveryAttempt_AtMostMaxAttemptsModelCallsThenFailedWithoutACall()
    {
        var dataRoot = Path.Combine(Path.GetTempPath(), "crash-loop-" + Guid.NewGuid().ToString("N"));
        await using var environment = await LocalEnvironment.StartAsync(LocalPorts.Ephemeral, dataRoot);
        // A long, slow stream, so every instance is killed while it is still streaming.
        environment.DescriberSettings.AnswerChunks = 60;
        environment.DescriberSettings.ChunkDelay = TimeSpan.FromMilliseconds(250);
        var settings = new Dictionary<string, string>
        {
            ["MAX_ATTEMPTS"] = MaxAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture),
            // A killed instance's lease lapses soon, and the redelivery waits for that rather than answering 429.
            ["LEASE_DURATION"] = "2s",
            ["DUPLICATE_WAIT"] = "20s",
            // Model calls are counted at the describer, which also answers embeddings: keep them off here.
            ["EMBEDDING_MODEL"] = "",
        };
        var stored = environment.BucketStore.Put(LocalEnvironment.Bucket, "crash-loop.jpg", DescribeEndToEndTests.Sample("sunset-landscape.jpg"), "image/jpeg");
        var log = DescriberStandIn.GetLog(environment.Describer);
        var chunks = 0;
        log.ChunkStreamed += (_, _) => Interlocked.Increment(ref chunks);

        HttpResponseMessage? settled = null;
        var deliveries = 0;
        var callsBeforeTheLast = 0;
        while (settled is null && deliveries < DeliveryLimit)
        {
            deliveries++;
            using var function = await FunctionProcessWithStandIns.StartAsync(environment, settings);
            await function.WaitUntilListeningAsync();
            callsBeforeTheLast = log.RequestCount;
            var chunksBefore = Volatile.Read(ref chunks);
            var delivery = function.Client.SendAsync(FinalizedEvent.Create(stored, eventId: "crash-loop"));
            await Waiting.WaitUntilAsync(() => delivery.IsCompleted || Volatile.Read(ref chunks) > chunksBefore, TimeSpan.FromSeconds(60),
                $"delivery {deliveries} to stream from the model or to answer");
            if (delivery.IsCompleted)
            {
                settled = await delivery;
                break;
            }

            function.Process.Signal("KILL");
            await function.Process.WaitForExitAsync(TimeSpan.FromSeconds(30));
            await Assert.ThrowsAnyAsync<Exception>(() => delivery);
        }

        Assert.True(settled is not null, $"Still describing after {deliveries} deliveries, {log.RequestCount} model calls (MAX_ATTEMPTS {MaxAttempts}).");
        Assert.Equal(HttpStatusCode.OK, settled.StatusCode);
        Assert.Equal(MaxAttempts, callsBeforeTheLast);
        Assert.Equal(MaxAttempts, log.RequestCount);
        // Later redeliveries find the version settled, and call nothing.
        using var last = await FunctionProcessWithStandIns.StartAsync(environment, settings);
        await last.WaitUntilListeningAsync();
        var document = (await last.GetDocumentAsync("crash-loop.jpg"))!.Fields;
        Assert.Equal(DescriptionStatus.Failed, document.GetString("status"));
        Assert.Equal(ClaimRules.TooManyAttemptsCode, document.GetMap("error")!.GetString("code"));
        Assert.Equal(MaxAttempts, document.GetInt64("attempts"));
        using var again = await last.Client.SendAsync(FinalizedEvent.Create(stored, eventId: "crash-loop"));
        Assert.Equal(HttpStatusCode.NoContent, again.StatusCode);
        Assert.Equal(MaxAttempts, log.RequestCount);
        settled.Dispose();
    }
}
