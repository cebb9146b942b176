using System.Net;
using System.Text.Json.Nodes;
using DescribeFunction.Local.Faults;
using DescribeFunction.Local.Hosting;
using DescribeFunction.Search;
using DescribeFunction.Store;
using DescribeFunction.Testing;
using DescribeFunction.Tests.EndToEnd;

namespace DescribeFunction.Tests.Local.Gallery;

/// <summary>
/// <c>GET /api/search</c> over HTTP, with the function embedding its descriptions as <c>serve</c> does: the gallery's
/// ranking is the product's own search over the same stand-ins, with the same answers and the same refusals.
/// </summary>
public sealed class GallerySearchEndpointTests : IAsyncLifetime, IDisposable
{
    private const string Portrait = "blue-white-portrait.png";
    private const string Square = "green-yellow-square.webp";
    private const string Sunset = "sunset-landscape.jpg";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(60) };
    private GalleryWithFunction _gallery = null!;

    private Uri Gallery => _gallery.Gallery.BaseAddress;

    public async Task InitializeAsync()
    {
        _gallery = await GalleryWithFunction.StartAsync(new Dictionary<string, string?> { ["EMBEDDING_MODEL"] = LocalEnvironment.DefaultEmbeddingModel });
        foreach (var (name, type) in new[] { (Portrait, "image/png"), (Square, "image/webp"), (Sunset, "image/jpeg") })
        {
            _gallery.Environment.BucketStore.Put(LocalEnvironment.Bucket, name, DescribeEndToEndTests.Sample(name), type);
        }

        foreach (var name in new[] { Portrait, Square, Sunset })
        {
            await WaitForVectorAsync(name);
        }
    }

    public void Dispose() => _http.Dispose();

    public async Task DisposeAsync() => await _gallery.DisposeAsync();

    [Fact]
    public async Task Search_ByQuery_RanksTheMatchingImageFirst_AsTheSearchCommandDoes()
    {
        using var response = await _http.GetAsync(new Uri(Gallery, "api/search?q=" + Uri.EscapeDataString("blue and white") + "&limit=10"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var results = Results(await response.Content.ReadAsStringAsync());
        Assert.Equal(Portrait, results[0].Name);
        Assert.Equal(3, results.Count);
        Assert.Equal(results.Select(r => r.Distance).Order(), results.Select(r => r.Distance));
        Assert.InRange(results[0].Distance, 0, results[1].Distance - 0.01);

        var command = await CommandAsync("blue and white", "--json");
        Assert.Equal(command.Select(r => (r.Name, Math.Round(r.Distance, 6))), results.Select(r => (r.Name, Math.Round(r.Distance, 6))));
    }

    [Fact]
    public async Task Search_Like_LeavesTheImageItselfOut_AndRanksTheOthersByItsVector()
    {
        using var response = await _http.GetAsync(new Uri(Gallery, "api/search?like=" + Uri.EscapeDataString(Sunset) + "&limit=10"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var results = Results(await response.Content.ReadAsStringAsync());
        Assert.Equal([Portrait, Square], results.Select(r => r.Name).Order(StringComparer.Ordinal));
        Assert.Equal((await CommandAsync("--like", Sunset, "--json")).Select(r => r.Name), results.Select(r => r.Name));
    }

    [Fact]
    public async Task Search_AQueryThatLooksLikeAnOption_IsSearchedForAsWords()
    {
        using var response = await _http.GetAsync(new Uri(Gallery, "api/search?q=--like"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(3, Results(await response.Content.ReadAsStringAsync()).Count);
    }

    [Theory]
    [InlineData("like=nothing.png", "No description is stored for nothing.png, so there is nothing to find more like it.")]
    [InlineData("q=boats&limit=0", "The option --limit must be a whole number from 1 to 1000, not '0'.")]
    [InlineData("q=boats&like=" + Sunset, "Give either a QUERY or --like OBJECT_NAME, not both.")]
    public async Task Search_BadInput_Is400WithTheCommandsSentence(string query, string expected)
    {
        using var response = await _http.GetAsync(new Uri(Gallery, "api/search?" + query));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(expected, Error(await response.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task Search_EmbeddingEndpointFailing_Is502WithOneSentence()
    {
        _gallery.Environment.Describer.Faults.Add(new FaultPlan { Status = 400, Count = 1000, PathContains = ":predict" });

        using var response = await _http.GetAsync(new Uri(Gallery, "api/search?q=boats"));

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        var error = Error(await response.Content.ReadAsStringAsync());
        Assert.False(string.IsNullOrWhiteSpace(error));
        Assert.DoesNotContain('\n', error);
    }

    [Fact]
    public async Task ConfigAndItems_SayThatSearchIsOn_AndGiveTheVectorsLengthNotTheVector()
    {
        var config = JsonNode.Parse(await _http.GetStringAsync(new Uri(Gallery, "api/config")))!;
        var items = JsonNode.Parse(await _http.GetStringAsync(new Uri(Gallery, "api/items")))!.AsArray();

        Assert.True(config["search"]!.GetValue<bool>());
        Assert.All(items, i => Assert.Equal(768, i!["vector"]!.GetValue<int>()));
        Assert.All(items, i => Assert.True(i!.ToJsonString().Length < 8000, "a tile carries its vector to the page"));
    }

    private async Task<List<(string Name, double Distance)>> CommandAsync(params string[] args)
    {
        var settings = _gallery.Environment.FunctionSettings.ToDictionary(kv => kv.Key, kv => (string?)kv.Value);
        using var output = new StringWriter();
        using var errors = new StringWriter();
        var code = await SearchCommand.RunAsync(args, settings, output, errors, CancellationToken.None);
        Assert.True(code == 0, errors.ToString());
        return Results(output.ToString());
    }

    private static List<(string Name, double Distance)> Results(string json) =>
        [.. JsonNode.Parse(json)!["results"]!.AsArray().Select(r => (r!["name"]!.GetValue<string>(), r["distance"]!.GetValue<double>()))];

    private static string Error(string json) => JsonNode.Parse(json)!["error"]!.GetValue<string>();

    private Task WaitForVectorAsync(string name) =>
        Waiting.WaitUntilAsync(
            async () => (await _gallery.Stack.GetDocumentAsync(name))?.Fields.GetVector(DescriptionFields.Embedding) is not null,
            Deadline, $"{name} to be described and embedded");
}
