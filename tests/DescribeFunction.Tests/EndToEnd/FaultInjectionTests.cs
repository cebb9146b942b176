using System.Net;
using DescribeFunction.Firestore;
using DescribeFunction.Local.Faults;
using DescribeFunction.Store;
using DescribeFunction.Tests.Infrastructure;

namespace DescribeFunction.Tests.EndToEnd;

/// <summary>The fault → outcome table of docs/reliability.md: each case asserts the final document and the number of model calls.</summary>
public sealed class FaultInjectionTests : IAsyncLifetime
{
    private const string Chat = "chat/completions";
    private FunctionWithStandIns _stack = null!;

    private static byte[] Image => DescribeEndToEndTests.Sample("blue-white-portrait.png");

    private int ModelCalls => _stack.Environment.Describer.Faults.RequestCount;

    public async Task InitializeAsync() =>
        _stack = await FunctionWithStandIns.StartAsync(new Dictionary<string, string?> { ["DESCRIBE_DEADLINE"] = "20s" });

    public async Task DisposeAsync() => await _stack.DisposeAsync();

    [Theory]
    [InlineData(429, 2)]
    [InlineData(503, 1)]
    [InlineData(500, 3)]
    public async Task TransientEndpointErrors_AreRetriedInProcessUntilDone(int status, int times)
    {
        _stack.Environment.Describer.Faults.Add(new FaultPlan { Status = status, Count = times, PathContains = Chat });

        var response = await _stack.UploadAndDeliverAsync("retried.png", Image);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await AssertDoneAsync("retried.png", attempts: 1);
        Assert.Equal(times + 1, ModelCalls);
    }

    [Fact]
    public async Task StreamCutMidway_IsRetriedAndTheFullTextStored()
    {
        _stack.Environment.Describer.Faults.Add(new FaultPlan { CutAfterChunks = 5, PathContains = Chat });

        var response = await _stack.UploadAndDeliverAsync("cut.png", Image);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var f = await AssertDoneAsync("cut.png", attempts: 1);
        Assert.EndsWith("(Described offline by the DescribeFunction stand-in.)", f.GetString("description"), StringComparison.Ordinal);
        Assert.Equal(2, ModelCalls);
    }

    [Fact]
    public async Task FirestoreUnavailableTwice_IsRetriedByTheClient()
    {
        _stack.Environment.Firestore.Faults.Add(new FaultPlan { Status = 503, Count = 2, PathContains = ":commit" });

        var response = await _stack.UploadAndDeliverAsync("unavailable.png", Image);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await AssertDoneAsync("unavailable.png", attempts: 1);
        Assert.Equal(1, ModelCalls);
    }

    [Fact]
    public async Task AbortedClaim_IsReadAgainAndClaimed()
    {
        _stack.Environment.Firestore.Faults.Add(new FaultPlan { Status = 409, Count = 1, PathContains = ":commit" });

        var response = await _stack.UploadAndDeliverAsync("aborted.png", Image);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await AssertDoneAsync("aborted.png", attempts: 1);
        Assert.Equal(1, ModelCalls);
    }

    [Theory]
    [InlineData(409, 2)]
    [InlineData(503, 4)]
    public async Task FaultsOnTheFinalWrite_AreRetriedNotMistakenForALostClaim(int status, int times)
    {
        _stack.Environment.DescriberSettings.ChunkDelay = TimeSpan.FromMilliseconds(30);
        var log = DescribeFunction.Local.Describer.DescriberStandIn.GetLog(_stack.Environment.Describer);
        // The claim is written before the model call, and the stream cannot go on until the first chunk's handler
        // returns, so a fault added there hits the next commit, the one that records the description, however busy
        // the machine.
        var faulted = 0;
        log.ChunkStreamed += (_, _) =>
        {
            if (Interlocked.Exchange(ref faulted, 1) == 0)
            {
                _stack.Environment.Firestore.Faults.Add(new FaultPlan { Status = status, Count = times, PathContains = ":commit" });
            }
        };

        var response = await _stack.UploadAndDeliverAsync("final-write.png", Image);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await AssertDoneAsync("final-write.png", attempts: 1);
        Assert.Equal(1, ModelCalls);
    }

    [Fact]
    public async Task EndpointRejectionAndUndecodableImage_AreRecordedFailedWithoutRetry()
    {
        var response = await _stack.UploadAndDeliverAsync("broken.png", "not really a png"u8.ToArray());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var f = (await _stack.GetDocumentAsync("broken.png"))!.Fields;
        Assert.Equal(DescriptionStatus.Failed, f.GetString("status"));
        Assert.Equal("endpoint-400", f.GetMap("error")!.GetString("code"));
        Assert.Equal(1, ModelCalls);
    }

    private Task<DocumentFields> AssertDoneAsync(string name, int attempts) => FirestoreBackendTests.AssertDoneAsync(_stack, name, attempts);
}
