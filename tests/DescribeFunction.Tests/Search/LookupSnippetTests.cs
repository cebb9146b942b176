using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using DescribeFunction.Embedding;
using DescribeFunction.GoogleCloud;
using DescribeFunction.Tests.Docs;
using DescribeFunction.Tests.Infrastructure;
using Xunit.Abstractions;

namespace DescribeFunction.Tests.Search;

/// <summary>
/// The lookups of docs/search.md ("Lookups in your own code") run for real: the function describes the samples into
/// Google's Cloud Firestore emulator with embeddings on (a project of the test's own, with the database and collection
/// names the snippets use), the query is embedded as <c>RETRIEVAL_QUERY</c> by the same embedding client and
/// stand-in, and each snippet asks findNearest for it: the C# one in process, the Node.js one as
/// <c>tests/lookups/find-nearest.test.js</c> (<c>@google-cloud/firestore</c>, run by <c>node --test</c>). Each answer
/// must be the <c>search</c> command's: the same images, in the same order, at the same distances.
/// <see cref="RunSnippetTests"/> keeps the docs' blocks and these lines the same.
/// </summary>
public sealed class LookupSnippetTests(ITestOutputHelper output)
{
    private const string Query = "blue and white";
    private const string Expected = "blue-white-portrait.png";

    public static string NodeLookup => Path.Combine(Repository.Root, "tests", "lookups");

    [Fact]
    public async Task DocsCSharpLookup_FindsTheMatchingImageFirst_AtTheDistancesSearchPrints()
    {
        var described = await DescribedAsync();
        await using var search = described.Search;
        using var http = new HttpClient { BaseAddress = new Uri($"http://{search.Stack.Function.Options.Cloud.FirestoreEmulatorHost}/") };
        http.DefaultRequestHeaders.Authorization = new("Bearer", "owner");

        var found = await CSharpLookupAsync(http, described.Project, described.QueryVector);

        AssertSameAsSearch(described.Searched, found);
    }

    [NodeFact]
    public async Task DocsNodeLookup_FindsTheMatchingImageFirst_AtTheDistancesSearchPrints()
    {
        // npm takes a while on a clean checkout and needs no emulator: it runs while the function describes.
        var install = NodeTool.InstallAsync(NodeLookup);
        var described = await DescribedAsync();
        await using var search = described.Search;
        var folder = Directory.CreateTempSubdirectory("node-lookup-");
        try
        {
            var vectorFile = Path.Combine(folder.FullName, "query-vector.json");
            var resultsFile = Path.Combine(folder.FullName, "results.json");
            await File.WriteAllTextAsync(vectorFile, "[" + string.Join(",", described.QueryVector.Select(v => v.ToString("R", CultureInfo.InvariantCulture))) + "]");
            var installed = await install;
            Assert.True(installed.ExitCode == 0, $"npm could not install the lookup test's packages:{Environment.NewLine}{installed.Output}");

            var run = await NodeTool.TestAsync(NodeLookup, "find-nearest.test.js",
                new Dictionary<string, string>
                {
                    ["FIRESTORE_EMULATOR_HOST"] = search.Stack.Function.Options.Cloud.FirestoreEmulatorHost!,
                    ["LOOKUP_PROJECT_ID"] = described.Project,
                    ["QUERY_VECTOR_FILE"] = vectorFile,
                    ["RESULTS_FILE"] = resultsFile,
                },
                TimeSpan.FromMinutes(2));
            output.WriteLine(run.Output);

            using var results = JsonDocument.Parse(await File.ReadAllTextAsync(resultsFile));
            var found = results.RootElement.EnumerateArray().Select(r => (r.GetProperty("name").GetString()!, r.GetProperty("distance").GetDouble())).ToList();
            AssertSameAsSearch(described.Searched, found);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>The C# block of docs/search.md, as it stands there.</summary>
    private static async Task<List<(string Name, double Distance)>> CSharpLookupAsync(HttpClient http, string project, float[] queryVector)
    {
        // [START csharp-find-nearest]
        var body = new JsonObject
        {
            ["structuredQuery"] = JsonNode.Parse("""
                {"from":[{"collectionId":"imageDescriptions"}],
                 "findNearest":{"vectorField":{"fieldPath":"embedding"},"distanceMeasure":"COSINE","limit":10,
                                "distanceResultField":"distance"}}
                """),
        };
        body["structuredQuery"]!["findNearest"]!["queryVector"] = new JsonObject
        {
            ["mapValue"] = new JsonObject
            {
                ["fields"] = new JsonObject
                {
                    ["__type__"] = new JsonObject { ["stringValue"] = "__vector__" },
                    ["value"] = new JsonObject { ["arrayValue"] = new JsonObject { ["values"] = new JsonArray([.. queryVector.Select(v => (JsonNode)new JsonObject { ["doubleValue"] = v })]) } },
                },
            },
        };
        using var response = await http.PostAsJsonAsync($"v1/projects/{project}/databases/(default)/documents:runQuery", body);
        var nearest = (await response.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonArray>())!
            .Select(r => r!["document"]?["fields"])
            .Where(f => f is not null)
            .Select(f => (Name: (string)f!["name"]!["stringValue"]!, Distance: (double)f["distance"]!["doubleValue"]!))
            .ToList();
        // [END csharp-find-nearest]
        return nearest;
    }

    /// <summary>The samples described into a project of this test's own, the query's vector, and what <c>search</c> answers for it.</summary>
    private static async Task<Described> DescribedAsync()
    {
        var project = "lookups-" + Guid.NewGuid().ToString("N")[..10];
        var search = await SearchHarness.StartAsync("emulator", project: project);
        try
        {
            await search.DescribeSamplesAsync("");
            var options = search.Stack.Function.Options;
            var google = await GoogleCloudContextLoader.LoadAsync(options, CancellationToken.None);
            var embedder = EmbeddingClientFactory.Create(options.Embedding, options.Model, google.ProjectId, google.Credential)!;
            var query = await embedder.EmbedAsync(Query, EmbeddingTask.Query, CancellationToken.None);
            Assert.Equal("RETRIEVAL_QUERY", search.Log.Embeddings[^1].TaskType);
            return new Described(search, project, query.Vector, await search.RunAsync(Query));
        }
        catch
        {
            await search.DisposeAsync();
            throw;
        }
    }

    private static void AssertSameAsSearch(List<(string Name, double Distance)> searched, List<(string Name, double Distance)> found)
    {
        Assert.Equal(Expected, found[0].Name);
        Assert.True(found[0].Distance < found[1].Distance, $"the nearest is at {found[0].Distance}, the next at {found[1].Distance}");
        Assert.Equal(searched.Select(r => r.Name), found.Select(r => r.Name));
        Assert.All(found.Zip(searched), pair => Assert.Equal(pair.Second.Distance, pair.First.Distance, 5));
    }

    private sealed record Described(SearchHarness Search, string Project, float[] QueryVector, List<(string Name, double Distance)> Searched);
}
