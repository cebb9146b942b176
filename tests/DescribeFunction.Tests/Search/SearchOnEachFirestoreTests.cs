using System.Net;
using DescribeFunction.Local.Describer;
using DescribeFunction.Local.Hosting;
using DescribeFunction.Store;
using DescribeFunction.Tests.Infrastructure;

namespace DescribeFunction.Tests.Search;

/// <summary>
/// The search acceptance, the same bodies on each Firestore: the stand-in, and Google's Cloud Firestore emulator (the
/// test run's shared one, each test in a collection of its own). The function describes the samples with embeddings
/// on, then the <c>search</c> command runs against what it stored. Names avoid '/', which the emulator decodes into a path.
/// </summary>
public sealed class SearchOnEachFirestoreTests
{
    public static TheoryData<string> Firestores => ["standin", "emulator"];

    [Theory]
    [MemberData(nameof(Firestores))]
    public async Task FinalizeEvent_StoresTheDescriptionsVectorAndEmbedder_InTheSameDocument(string firestore)
    {
        await using var search = await SearchHarness.StartAsync(firestore);

        var response = await search.Stack.UploadAndDeliverAsync("photos-sunset.jpg", SearchHarness.Sample("sunset-landscape.jpg"), "image/jpeg");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var f = (await search.Stack.GetDocumentAsync("photos-sunset.jpg"))!.Fields;
        Assert.Equal(DescriptionStatus.Done, f.GetString("status"));
        var vector = f.GetVector("embedding");
        Assert.NotNull(vector);
        Assert.Equal(768, vector.Values.Count);
        Assert.Equal(1.0, Math.Sqrt(vector.Values.Sum(v => v * v)), 3);
        var embedder = f.GetMap("embedder")!;
        Assert.Equal(LocalEnvironment.DefaultEmbeddingModel, embedder.GetString("model"));
        Assert.Equal(768, embedder.GetInt64("dimensions"));
        Assert.Matches("^[0-9a-f]{64}$", embedder.GetString("hash"));
        Assert.False(f.ContainsKey("embeddingError"));
        var embedded = Assert.Single(search.Log.Embeddings);
        Assert.Equal(f.GetString("description"), embedded.Text);
        Assert.Equal("RETRIEVAL_DOCUMENT", embedded.TaskType);
    }

    [Theory]
    [MemberData(nameof(Firestores))]
    public async Task Search_RanksTheImageWhoseDescriptionMatchesFirst_AndLikeFindsTheOthers(string firestore)
    {
        await using var search = await SearchHarness.StartAsync(firestore);
        await search.DescribeSamplesAsync("photos-");

        var results = await search.RunAsync("blue and white");

        Assert.Equal(3, results.Count);
        Assert.Equal("photos-blue-white-portrait.png", results[0].Name);
        Assert.True(results[0].Distance < results[1].Distance, $"the nearest is at {results[0].Distance}, the next at {results[1].Distance}");
        Assert.Equal("RETRIEVAL_QUERY", search.Log.Embeddings[^1].TaskType);

        var like = await search.RunAsync("--like", "photos-sunset-landscape.jpg");
        Assert.Equal(["photos-blue-white-portrait.png", "photos-green-yellow-square.webp"], like.Select(r => r.Name).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Firestores))]
    public async Task Search_PrefixLabelStatusAndDistance_FilterTheResults(string firestore)
    {
        // Structured mode, as labels come from the structured output.
        await using var search = await SearchHarness.StartAsync(firestore, structured: true);
        await search.DescribeSamplesAsync("photos-");
        Assert.Equal(HttpStatusCode.OK, (await search.Stack.UploadAndDeliverAsync("archive-old.png", SearchHarness.Sample("blue-white-portrait.png"))).StatusCode);

        var prefixed = await search.NamesAsync("blue and white", "--prefix", "archive-");
        var graphics = await search.NamesAsync("blue and white", "--label", "graphic");
        var eitherLabel = await search.NamesAsync("green and yellow", "--label", "green", "--label", "portrait");
        var labelUnderPrefix = await search.NamesAsync("blue and white", "--prefix", "photos-", "--label", "portrait");
        var noSuchLabel = await search.NamesAsync("blue and white", "--label", "boat");
        var done = await search.NamesAsync("blue and white", "--status", "done", "--limit", "2");
        var failed = await search.NamesAsync("blue and white", "--status", "failed");
        var close = await search.NamesAsync("--like", "archive-old.png", "--max-distance", "0.001");

        Assert.Equal(["archive-old.png"], prefixed);
        Assert.Equal(["archive-old.png", "photos-blue-white-portrait.png", "photos-green-yellow-square.webp"], graphics.Order(StringComparer.Ordinal));
        Assert.Equal("photos-green-yellow-square.webp", eitherLabel[0]);
        Assert.Equal(["archive-old.png", "photos-blue-white-portrait.png", "photos-green-yellow-square.webp"], eitherLabel.Order(StringComparer.Ordinal));
        Assert.Equal(["photos-blue-white-portrait.png"], labelUnderPrefix);
        Assert.Empty(noSuchLabel);
        Assert.Equal(2, done.Count);
        Assert.Empty(failed);
        Assert.Equal(["photos-blue-white-portrait.png"], close); // the same image under another name is at distance 0
    }
}
