using System.Net;
using System.Text.Json;
using DescribeFunction.Configuration;
using DescribeFunction.Embedding;
using DescribeFunction.Search;
using DescribeFunction.Tests.Firestore;

namespace DescribeFunction.Tests.Search;

/// <summary>What a search asks Firestore for, on the wire: a projection of what a result shows, and the count of vectors of another length.</summary>
public sealed class VectorSearchRequestTests
{
    private static readonly EmbeddingSettings Settings = new() { EmbeddingModel = "text-embedding-005", EmbeddingDimensions = 3 };

    [Fact]
    public async Task RunAsync_AsksOnlyForTheFieldsAResultShows_WithItsDistance_NotTheStoredVectors()
    {
        var handler = new FakeFirestoreHandler().Respond(HttpStatusCode.OK, """
            [{"document":{"name":"projects/my-project/databases/(default)/documents/imageDescriptions/a","fields":{
              "name":{"stringValue":"photos/a.png"},"status":{"stringValue":"done"},"altText":{"stringValue":"A boat."},
              "vectorDistance":{"doubleValue":0.25}},"createTime":"2026-12-02T00:00:00Z","updateTime":"2026-12-02T00:00:00Z"},
              "readTime":"2026-12-02T00:00:01Z"}]
            """);
        var search = new VectorSearch(FakeFirestoreHandler.Client(handler), new FixedEmbedding(), new StoreSettings(), Settings);

        var results = await search.RunAsync(SearchOptions.Parse(["boats"]), CancellationToken.None);

        var result = Assert.Single(results);
        Assert.Equal(("photos/a.png", 0.25, "A boat."), (result.Name, result.Distance, result.Summary));
        using var body = JsonDocument.Parse(Assert.Single(handler.Requests).Body!);
        var selected = body.RootElement.GetProperty("structuredQuery").GetProperty("select").GetProperty("fields")
            .EnumerateArray().Select(f => f.GetProperty("fieldPath").GetString()!).ToList();
        Assert.Equal(SearchResult.Fields, selected);
        Assert.Contains(SearchResult.DistanceField, selected);
        Assert.DoesNotContain("embedding", selected);
    }

    [Fact]
    public async Task RunAsync_Prefix_BoundsTheNamesPastEmojiAndFullWidthLetters()
    {
        var handler = new FakeFirestoreHandler().Respond(HttpStatusCode.OK, """[{"readTime":"2026-12-02T00:00:01Z"}]""");
        var search = new VectorSearch(FakeFirestoreHandler.Client(handler), new FixedEmbedding(), new StoreSettings(), Settings);

        await search.RunAsync(SearchOptions.Parse(["boats", "--prefix", "users/alice/"]), CancellationToken.None);

        using var body = JsonDocument.Parse(Assert.Single(handler.Requests).Body!);
        var filters = body.RootElement.GetProperty("structuredQuery").GetProperty("where").GetProperty("compositeFilter").GetProperty("filters")
            .EnumerateArray().Select(f => f.GetProperty("fieldFilter"))
            .Select(f => (f.GetProperty("op").GetString(), f.GetProperty("value").GetProperty("stringValue").GetString())).ToList();
        Assert.Equal([("GREATER_THAN_OR_EQUAL", "users/alice/"), ("LESS_THAN", "users/alice0")], filters);
    }

    [Fact]
    public async Task CountOtherLengthsAsync_CountsDocumentsWhoseEmbedderDimensionsDifferFromTheSetting()
    {
        var handler = new FakeFirestoreHandler().Respond(HttpStatusCode.OK, """
            [{"result":{"aggregateFields":{"count":{"integerValue":"4"}}},"readTime":"2026-12-02T00:00:01Z"}]
            """);
        var search = new VectorSearch(FakeFirestoreHandler.Client(handler), new FixedEmbedding(), new StoreSettings(), Settings);

        var count = await search.CountOtherLengthsAsync(CancellationToken.None);

        Assert.Equal(4, count);
        var request = Assert.Single(handler.Requests);
        Assert.EndsWith(":runAggregationQuery", request.Uri.AbsolutePath, StringComparison.Ordinal);
        using var body = JsonDocument.Parse(request.Body!);
        var filter = body.RootElement.GetProperty("structuredAggregationQuery").GetProperty("structuredQuery").GetProperty("where").GetProperty("fieldFilter");
        Assert.Equal("embedder.dimensions", filter.GetProperty("field").GetProperty("fieldPath").GetString());
        Assert.Equal("NOT_EQUAL", filter.GetProperty("op").GetString());
        Assert.Equal("3", filter.GetProperty("value").GetProperty("integerValue").GetString());
    }

    private sealed class FixedEmbedding : IEmbeddingClient
    {
        public string Model => Settings.EmbeddingModel!;

        public int Dimensions => Settings.EmbeddingDimensions;

        public Task<EmbeddingResult> EmbedAsync(string text, EmbeddingTask task, CancellationToken cancellationToken) =>
            Task.FromResult(new EmbeddingResult([1, 0, 0], 1));
    }
}
