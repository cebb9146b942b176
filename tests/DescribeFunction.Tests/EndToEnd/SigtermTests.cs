using System.Net;
using DescribeFunction.Local.Describer;
using DescribeFunction.Local.Hosting;
using DescribeFunction.Store;
using DescribeFunction.Tests.Infrastructure;

namespace DescribeFunction.Tests.EndToEnd;

public sealed class SigtermTests
{
    [Fact]
    public async Task Sigterm_LetsTheInFlightEventFinishAndExitsCleanly()
    {
        var dataRoot = Path.Combine(Path.GetTempPath(), "sigterm-" + Guid.NewGuid().ToString("N"));
        await using var environment = await LocalEnvironment.StartAsync(LocalPorts.Ephemeral, dataRoot);
        environment.DescriberSettings.ChunkDelay = TimeSpan.FromMilliseconds(60);
        using var function = await FunctionProcessWithStandIns.StartAsync(environment, new Dictionary<string, string>());
        var client = function.Client;
        await function.WaitUntilListeningAsync();
        var stored = environment.BucketStore.Put(LocalEnvironment.Bucket, "in-flight.jpg", DescribeEndToEndTests.Sample("sunset-landscape.jpg"), "image/jpeg");

        var inFlight = client.SendAsync(FinalizedEvent.Create(stored));
        var log = DescriberStandIn.GetLog(environment.Describer);
        await Waiting.WaitUntilAsync(() => log.RequestCount > 0, TimeSpan.FromSeconds(30), "the model call to reach the describer");

        function.Process.Signal("TERM");
        var response = await inFlight;
        var exitCode = await function.Process.WaitForExitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, exitCode);
        var document = await function.GetDocumentAsync("in-flight.jpg");
        Assert.Equal(DescriptionStatus.Done, document?.Fields.GetString("status"));
        await Assert.ThrowsAsync<HttpRequestException>(() => client.SendAsync(FinalizedEvent.Create(stored)));
    }
}
