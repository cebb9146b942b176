using System.Net;
using DescribeFunction.Hosting;
using DescribeFunction.Tests.Infrastructure;

namespace DescribeFunction.Tests.Hosting;

public sealed class ShutdownTests
{
    [Fact]
    public async Task Stop_LetsInFlightEventFinishAndRefusesNewOnes()
    {
        var processor = new RecordingProcessor { Delay = TimeSpan.FromSeconds(1.5) };
        var function = await RunningFunction.StartAsync(processor: processor);
        using var later = new HttpClient { BaseAddress = function.BaseAddress };

        var inFlight = function.Client.SendAsync(StorageEvents.Binary(StorageEvents.Data("slow.jpg")));
        await Waiting.WaitUntilAsync(() => processor.Started.Task.IsCompleted, TimeSpan.FromSeconds(30), "the processor to start on slow.jpg");
        var stopping = function.App.StopAsync();

        var response = await inFlight;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("slow.jpg", Assert.Single(processor.Events).Data.Name);
        await stopping;
        await Assert.ThrowsAsync<HttpRequestException>(() => later.SendAsync(StorageEvents.Binary(StorageEvents.Data("late.jpg"))));
        await function.DisposeAsync();
    }
}
