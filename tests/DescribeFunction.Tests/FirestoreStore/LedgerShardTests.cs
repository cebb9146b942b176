using DescribeFunction.Configuration;
using DescribeFunction.Describing;
using DescribeFunction.Embedding;
using DescribeFunction.Events;
using DescribeFunction.Firestore;
using DescribeFunction.FirestoreStore;
using DescribeFunction.Local.Firestore;
using DescribeFunction.Tests.Infrastructure;

namespace DescribeFunction.Tests.FirestoreStore;

/// <summary>
/// The usage ledger's shards with embeddings on: a final commit counts the description under the describe model and
/// the vector under the embedding model, each in its own day document, and both models must still spread over all
/// <c>USAGE_SHARDS</c> shards (the search benchmark's steady rows found the describe model on half of them).
/// </summary>
public sealed class LedgerShardTests
{
    private const int Shards = 4;

    [Fact]
    public async Task CompleteAsync_WithEmbeddings_SpreadsEachModelOverEveryShard()
    {
        await using var server = await FirestoreStandIn.StartAsync();
        var client = FirestoreClient.Create("test-project", "(default)", server.HostAndPort, credential: null);
        var settings = new FunctionSettings { Ledger = new() { UsageShards = Shards }, Embedding = new() { EmbeddingModel = "text-embedding-005", EmbeddingDimensions = 4 } };
        var store = FirestoreStores.Create(client, settings, TimeProvider.System);

        for (var i = 0; i < 2 * Shards; i++)
        {
            var name = $"image-{i}.jpg";
            var claim = (await store.ClaimAsync(Event(name), reclaim: null, CancellationToken.None)).Claim!;
            var text = $"Description {i}.";
            var embedding = EmbeddingOutcome.Success(EmbedderIdentity.For(settings.Embedding, text), new EmbeddingResult([1, 0, 0, 0], Tokens: 3));
            var result = new DescriptionResult { Text = text, Model = settings.Model.DescribeModel, FinishReason = "stop", Chunks = 1, Total = TimeSpan.FromMilliseconds(5), InputTokens = 10, OutputTokens = 2 };
            Assert.True(await store.CompleteAsync(claim, result, embedding, CancellationToken.None), $"the final write of {name} failed");
        }

        var day = DateOnly.FromDateTime(DateTime.UtcNow);
        foreach (var model in new[] { settings.Model.DescribeModel, settings.Embedding.EmbeddingModel })
        {
            var shards = await client.ListAsync(UsageLedgerDocuments.ShardsPath(settings.Ledger.FirestoreUsageCollection, day, model), CancellationToken.None);
            var images = shards.ToDictionary(s => s.Id, s => UsageLedgerDocuments.Read(s.Fields).Images);
            Assert.True(images.Count == Shards && images.Values.All(n => n == 2),
                $"{2 * Shards} descriptions should put 2 images on each of the {Shards} shards of {model}, not {string.Join(", ", images.OrderBy(kv => kv.Key).Select(kv => $"{kv.Key}: {kv.Value}"))}");
        }
    }

    private static StorageEvent Event(string name) =>
        new("evt-" + name, StorageEvent.Finalized, "//storage.googleapis.com/projects/_/buckets/b", $"objects/{name}", DateTimeOffset.UtcNow,
            new StorageObjectData { Name = name, Bucket = "b", Generation = 1, ContentType = "image/jpeg", Size = 1000 });
}
