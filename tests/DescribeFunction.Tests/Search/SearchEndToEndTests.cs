using System.Net;
using System.Text.Json;
using DescribeFunction.Documents;
using DescribeFunction.Local.Describer;
using DescribeFunction.Local.Faults;
using DescribeFunction.Local.Hosting;
using DescribeFunction.Search;
using DescribeFunction.Tests.EndToEnd;
using DescribeFunction.Tests.Infrastructure;

namespace DescribeFunction.Tests.Search;

/// <summary>
/// Embeddings on completion and the <c>search</c> command, end to end: the real host, the describer stand-in's
/// embedding endpoints and the Firestore stand-in's findNearest, over loopback HTTP.
/// </summary>
public sealed class SearchEndToEndTests : IAsyncLifetime
{
    private static readonly string[] Samples = ["blue-white-portrait.png", "green-yellow-square.webp", "sunset-landscape.jpg"];
    private FunctionWithStandIns _stack = null!;

    public async Task InitializeAsync() => _stack = await FunctionWithStandIns.StartAsync(new Dictionary<string, string?>
    {
        ["EMBEDDING_MODEL"] = LocalEnvironment.DefaultEmbeddingModel,
    });

    public async Task DisposeAsync() => await _stack.DisposeAsync();

    private DescriberLog Log => DescriberStandIn.GetLog(_stack.Environment.Describer);

    [Fact]
    public async Task FinalizeEvent_StoresTheDescriptionsVectorAndEmbedder_InTheSameDocument()
    {
        var response = await _stack.UploadAndDeliverAsync("photos/sunset.jpg", DescribeEndToEndTests.Sample("sunset-landscape.jpg"), "image/jpeg");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var f = (await _stack.GetDocumentAsync("photos/sunset.jpg"))!.Fields;
        Assert.Equal(DescriptionStatus.Done, f.GetString("status"));
        var vector = f.GetVector("embedding");
        Assert.NotNull(vector);
        Assert.Equal(768, vector.Values.Count);
        Assert.Equal(1.0, Math.Sqrt(vector.Values.Sum(v => v * v)), 3);
        var embedder = f.GetMap("embedder")!;
        Assert.Equal("text-embedding-005", embedder.GetString("model"));
        Assert.Equal(768, embedder.GetInt64("dimensions"));
        Assert.Matches("^[0-9a-f]{64}$", embedder.GetString("hash"));
        Assert.False(f.ContainsKey("embeddingError"));
        var embedded = Assert.Single(Log.Embeddings);
        Assert.Equal(f.GetString("description"), embedded.Text);
        Assert.Equal("RETRIEVAL_DOCUMENT", embedded.TaskType);
    }

    [Fact]
    public async Task Search_RanksTheImageWhoseDescriptionMatchesFirst_AndLikeFindsTheOthers()
    {
        await DescribeSamplesAsync("photos/");

        var (code, json, errors) = await SearchAsync("blue and white", "--json");

        Assert.True(code == 0, errors);
        var names = Names(json);
        Assert.Equal(3, names.Count);
        Assert.Equal("photos/blue-white-portrait.png", names[0]);
        Assert.Equal("RETRIEVAL_QUERY", Log.Embeddings[^1].TaskType);

        var (likeCode, likeJson, likeErrors) = await SearchAsync("--like", "photos/sunset-landscape.jpg", "--json");
        Assert.True(likeCode == 0, likeErrors);
        Assert.Equal(["photos/blue-white-portrait.png", "photos/green-yellow-square.webp"], Names(likeJson).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Search_PrefixStatusAndDistance_FilterTheResults()
    {
        await DescribeSamplesAsync("photos/");
        await _stack.UploadAndDeliverAsync("archive/old.png", DescribeEndToEndTests.Sample("blue-white-portrait.png"));

        var (_, prefixed, _) = await SearchAsync("blue and white", "--prefix", "archive/", "--json");
        var (_, done, _) = await SearchAsync("blue and white", "--status", "done", "--limit", "2", "--json");
        var (_, failed, _) = await SearchAsync("blue and white", "--status", "failed", "--json");
        var (_, close, _) = await SearchAsync("--like", "archive/old.png", "--max-distance", "0.001", "--json");

        Assert.Equal(["archive/old.png"], Names(prefixed));
        Assert.Equal(2, Names(done).Count);
        Assert.Empty(Names(failed));
        Assert.Equal(["photos/blue-white-portrait.png"], Names(close)); // the same image under another name is at distance 0
    }

    [Theory]
    [InlineData(new[] { "" }, "Say what to search for")]
    [InlineData(new[] { "boats", "--color", "red" }, "Unknown option --color")]
    [InlineData(new[] { "boats", "--limit", "0" }, "--limit must be a whole number from 1 to 1000")]
    [InlineData(new[] { "--like", "nothing/here.png" }, "No description is stored for nothing/here.png")]
    public async Task Search_BadInput_IsOneSentenceAndExitCode2(string[] args, string expected)
    {
        var (code, output, errors) = await SearchAsync(args);

        Assert.Equal(2, code);
        Assert.Empty(output.Trim());
        Assert.Contains(expected, errors, StringComparison.Ordinal);
        Assert.Single(errors.Trim().Split('\n'));
    }

    [Theory]
    [InlineData(503, null)]
    [InlineData(400, null)]
    [InlineData(null, 0)]
    public async Task EmbeddingEndpointFailing_StoresTheDescriptionOnce_WithAnEmbeddingError(int? status, int? cut)
    {
        _stack.Environment.Describer.Faults.Add(new FaultPlan { Status = status, CutAfterChunks = cut, Count = 1000, PathContains = ":predict" });

        var response = await _stack.UploadAndDeliverAsync("photos/sunset.jpg", DescribeEndToEndTests.Sample("sunset-landscape.jpg"), "image/jpeg");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var f = (await _stack.GetDocumentAsync("photos/sunset.jpg"))!.Fields;
        Assert.Equal(DescriptionStatus.Done, f.GetString("status"));
        Assert.False(string.IsNullOrEmpty(f.GetString("description")));
        Assert.False(f.ContainsKey("embedding"));
        Assert.Equal(status is { } s ? $"http-{s}" : "connection", f.GetMap("embeddingError")!.GetString("code"));
        Assert.Equal(1, Log.RequestCount); // one description, however the embedding went
        if (status == 400)
        {
            Assert.Equal(1, _stack.Environment.Describer.Faults.RequestCount - Log.RequestCount); // a 400 is not tried again
        }
    }

    [Fact]
    public async Task EmbeddingEndpointRecovering_StoresTheVector_AfterRetries()
    {
        _stack.Environment.Describer.Faults.Add(new FaultPlan { Status = 503, Count = 2, PathContains = ":predict" });

        await _stack.UploadAndDeliverAsync("photos/sunset.jpg", DescribeEndToEndTests.Sample("sunset-landscape.jpg"), "image/jpeg");

        var f = (await _stack.GetDocumentAsync("photos/sunset.jpg"))!.Fields;
        Assert.NotNull(f.GetVector("embedding"));
        Assert.False(f.ContainsKey("embeddingError"));
        Assert.Equal(1, Log.RequestCount);
    }

    private async Task DescribeSamplesAsync(string prefix)
    {
        foreach (var sample in Samples)
        {
            var response = await _stack.UploadAndDeliverAsync(prefix + sample, DescribeEndToEndTests.Sample(sample), sample.EndsWith(".jpg", StringComparison.Ordinal) ? "image/jpeg" : sample.EndsWith(".webp", StringComparison.Ordinal) ? "image/webp" : "image/png");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    private async Task<(int Code, string Output, string Errors)> SearchAsync(params string[] args)
    {
        var settings = _stack.Environment.FunctionSettings.ToDictionary(kv => kv.Key, kv => (string?)kv.Value);
        using var output = new StringWriter();
        using var errors = new StringWriter();
        var code = await SearchCommand.RunAsync(args, settings, output, errors, CancellationToken.None);
        return (code, output.ToString(), errors.ToString());
    }

    private static List<string> Names(string json)
    {
        using var document = JsonDocument.Parse(json);
        return [.. document.RootElement.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("name").GetString()!)];
    }
}
