using DescribeFunction.Configuration;
using DescribeFunction.Describing;
using DescribeFunction.Events;
using DescribeFunction.Firestore;
using DescribeFunction.FirestoreStore;
using DescribeFunction.Local.Firestore;
using DescribeFunction.Tests.Infrastructure;

namespace DescribeFunction.Tests.FirestoreStore;

/// <summary>
/// A lease renewal whose caller stops listening after the write reached Firestore: the claim must still know the
/// version it wrote, or the final write takes this instance's own renewal for another writer.
/// </summary>
public sealed class AbandonedWriteTests
{
    [Fact]
    public async Task RenewLeaseAsync_CancelledAfterTheWriteLanded_StillLetsTheFinalWriteSucceed()
    {
        await using var server = await FirestoreStandIn.StartAsync();
        var handler = new LandThenAbandonHandler { InnerHandler = new HttpClientHandler() };
        var client = FirestoreClient.Create("test-project", "(default)", server.HostAndPort, credential: null, new HttpClient(handler));
        var store = FirestoreStores.Create(client, new FunctionSettings(), TimeProvider.System);
        var claim = (await store.ClaimAsync(Event("renewed.jpg"), reclaim: null, CancellationToken.None)).Claim!;

        using var stopListening = new CancellationTokenSource();
        handler.AbandonNextCommit = true;
        var renewal = store.RenewLeaseAsync(claim, stopListening.Token);
        await handler.Landed.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await stopListening.CancelAsync();
        try
        {
            await renewal;
        }
        catch (OperationCanceledException)
        {
        }

        var completed = await store.CompleteAsync(claim, new DescriptionResult { Text = "A renewed image.", Model = "test", FinishReason = "stop", Chunks = 1, Total = TimeSpan.FromMilliseconds(5) }, CancellationToken.None);

        Assert.True(completed, "the final write took the instance's own lease renewal for another writer");
        var document = await client.GetAsync(new FunctionSettings().Store.FirestoreCollection, "renewed.jpg", CancellationToken.None);
        Assert.Equal("done", document!.Fields.GetString("status"));
    }

    private static StorageEvent Event(string name) =>
        new("evt-1", StorageEvent.Finalized, "//storage.googleapis.com/projects/_/buckets/b", $"objects/{name}", DateTimeOffset.UtcNow,
            new StorageObjectData { Name = name, Bucket = "b", Generation = 1, ContentType = "image/jpeg", Size = 1000 });

    /// <summary>
    /// Lets one commit reach the server, then holds the answer for a while, so that a caller who cancels meanwhile
    /// loses it as a response to a cancelled request is lost.
    /// </summary>
    private sealed class LandThenAbandonHandler : DelegatingHandler
    {
        private static readonly TimeSpan HoldAnswer = TimeSpan.FromSeconds(2);

        public bool AbandonNextCommit { get; set; }

        public TaskCompletionSource Landed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var abandon = AbandonNextCommit && request.RequestUri!.AbsolutePath.EndsWith(":commit", StringComparison.Ordinal);
            var response = await base.SendAsync(request, CancellationToken.None);
            if (abandon)
            {
                AbandonNextCommit = false;
                Landed.TrySetResult();
                // HttpClient links its own timeout into this token, so it can always be cancelled: hold the answer
                // long enough for the test to cancel, and let it through when nobody does.
                await Task.Delay(HoldAnswer, cancellationToken);
            }

            return response;
        }
    }
}
