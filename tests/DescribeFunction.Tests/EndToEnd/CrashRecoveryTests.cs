using System.Globalization;
using System.Net;
using DescribeFunction.Documents;
using DescribeFunction.Local.Describer;
using DescribeFunction.Local.Hosting;
using DescribeFunction.Tests.Infrastructure;

namespace DescribeFunction.Tests.EndToEnd;

public sealed class CrashRecoveryTests
{
    [Fact]
    public async Task KilledMidStream_TheRedeliveryTakesOverOnceTheLeaseLapses()
    {
        var dataRoot = Path.Combine(Path.GetTempPath(), "crash-" + Guid.NewGuid().ToString("N"));
        await using var environment = await LocalEnvironment.StartAsync(LocalPorts.Ephemeral, dataRoot);
        environment.DescriberSettings.ChunkDelay = TimeSpan.FromMilliseconds(100);
        var stored = environment.BucketStore.Put(LocalEnvironment.Bucket, "crash.jpg", DescribeEndToEndTests.Sample("sunset-landscape.jpg"), "image/jpeg");
        var log = DescriberStandIn.GetLog(environment.Describer);

        using (var doomed = StartFunction(environment, out var doomedClient))
        {
            await doomed.WaitForOutputAsync(l => l.Contains("listening", StringComparison.OrdinalIgnoreCase), TimeSpan.FromSeconds(30));
            var lost = doomedClient.SendAsync(FinalizedEvent.Create(stored, eventId: "crash-event"));
            while (log.RequestCount == 0)
            {
                await Task.Delay(20);
            }

            doomed.Signal("KILL");
            await Assert.ThrowsAnyAsync<HttpRequestException>(() => lost);
            doomedClient.Dispose();
        }

        var orphan = await FunctionWithStandIns.DocumentsOf(environment).GetAsync("imageDescriptions", "crash.jpg", CancellationToken.None);
        Assert.Equal(DescriptionStatus.Processing, orphan?.Fields.GetString("status"));

        using var survivor = StartFunction(environment, out var client);
        await survivor.WaitForOutputAsync(l => l.Contains("listening", StringComparison.OrdinalIgnoreCase), TimeSpan.FromSeconds(30));
        environment.DescriberSettings.ChunkDelay = TimeSpan.Zero;
        var redelivered = await client.SendAsync(FinalizedEvent.Create(stored, eventId: "crash-event"));

        Assert.Equal(HttpStatusCode.OK, redelivered.StatusCode);
        var f = (await FunctionWithStandIns.DocumentsOf(environment).GetAsync("imageDescriptions", "crash.jpg", CancellationToken.None))!.Fields;
        Assert.Equal(DescriptionStatus.Done, f.GetString("status"));
        Assert.Equal(2, f.GetInt64("attempts"));
        Assert.Equal(2, log.RequestCount);
        client.Dispose();
    }

    private static FunctionProcess StartFunction(LocalEnvironment environment, out HttpClient client)
    {
        var port = FreePort();
        var settings = environment.FunctionSettings.ToDictionary(kv => kv.Key, kv => kv.Value);
        settings["PORT"] = port.ToString(CultureInfo.InvariantCulture);
        settings["LEASE_DURATION"] = "2s";
        client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(60) };
        return FunctionProcess.Start(settings);
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
