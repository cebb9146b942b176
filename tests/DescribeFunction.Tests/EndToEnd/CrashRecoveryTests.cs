using System.Net;
using DescribeFunction.Documents;
using DescribeFunction.Local.Describer;
using DescribeFunction.Local.Hosting;
using DescribeFunction.Tests.Infrastructure;

namespace DescribeFunction.Tests.EndToEnd;

public sealed class CrashRecoveryTests
{
    private static readonly Dictionary<string, string> ShortLease = new() { ["LEASE_DURATION"] = "2s" };

    [Fact]
    public async Task KilledMidStream_TheRedeliveryTakesOverOnceTheLeaseLapses()
    {
        var dataRoot = Path.Combine(Path.GetTempPath(), "crash-" + Guid.NewGuid().ToString("N"));
        await using var environment = await LocalEnvironment.StartAsync(LocalPorts.Ephemeral, dataRoot);
        environment.DescriberSettings.ChunkDelay = TimeSpan.FromMilliseconds(100);
        var stored = environment.BucketStore.Put(LocalEnvironment.Bucket, "crash.jpg", DescribeEndToEndTests.Sample("sunset-landscape.jpg"), "image/jpeg");
        var log = DescriberStandIn.GetLog(environment.Describer);

        using (var doomed = await FunctionProcessWithStandIns.StartAsync(environment, ShortLease))
        {
            await doomed.WaitUntilListeningAsync();
            var lost = doomed.Client.SendAsync(FinalizedEvent.Create(stored, eventId: "crash-event"));
            await Waiting.WaitUntilAsync(() => log.RequestCount > 0, TimeSpan.FromSeconds(30), "the doomed function's model call to reach the describer");

            doomed.Process.Signal("KILL");
            await Assert.ThrowsAnyAsync<HttpRequestException>(() => lost);
        }

        using var survivor = await FunctionProcessWithStandIns.StartAsync(environment, ShortLease);
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
}
