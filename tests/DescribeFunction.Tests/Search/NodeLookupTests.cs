using System.Globalization;
using System.Text.Json;
using DescribeFunction.Embedding;
using DescribeFunction.GoogleCloud;
using DescribeFunction.Tests.Docs;
using DescribeFunction.Tests.Infrastructure;
using Xunit.Abstractions;

namespace DescribeFunction.Tests.Search;

/// <summary>
/// The Node.js lookup of docs/search.md, run for real: the function describes the samples into Google's Cloud
/// Firestore emulator with embeddings on (a project of the test's own, the default collection name the snippet
/// uses), the query is embedded as <c>RETRIEVAL_QUERY</c> by the same embedding client and stand-in, and
/// <c>tests/lookups/find-nearest.test.js</c> (<c>@google-cloud/firestore</c>, run by <c>node --test</c>) asks
/// findNearest for it. Its answer must be the <c>search</c> command's: the same images, the same order, the same distances.
/// </summary>
public sealed class NodeLookupTests(ITestOutputHelper output)
{
    public static string LookupTests => Path.Combine(Repository.Root, "tests", "lookups");

    [NodeFact]
    public async Task DocsNodeLookup_FindsTheMatchingImageFirst_WithTheDistancesSearchPrints()
    {
        // npm takes a while on a clean checkout and needs no emulator: it runs while the function describes.
        var install = NodeTool.InstallAsync(LookupTests);
        var project = "lookups-" + Guid.NewGuid().ToString("N")[..10];
        await using var search = await SearchHarness.StartAsync("emulator", project: project);
        await search.DescribeSamplesAsync("");
        var options = search.Stack.Function.Options;
        var google = await GoogleCloudContextLoader.LoadAsync(options, CancellationToken.None);
        var embedder = EmbeddingClientFactory.Create(options, google.ProjectId, google.Credential)!;
        var query = await embedder.EmbedAsync("blue and white", EmbeddingTask.Query, CancellationToken.None);
        Assert.Equal("RETRIEVAL_QUERY", search.Log.Embeddings[^1].TaskType);
        var expected = await search.RunAsync("blue and white");

        var folder = Directory.CreateTempSubdirectory("node-lookup-");
        try
        {
            var vectorFile = Path.Combine(folder.FullName, "query-vector.json");
            var resultsFile = Path.Combine(folder.FullName, "results.json");
            await File.WriteAllTextAsync(vectorFile, "[" + string.Join(",", query.Vector.Select(v => v.ToString("R", CultureInfo.InvariantCulture))) + "]");
            var installed = await install;
            Assert.True(installed.ExitCode == 0, $"npm could not install the lookup test's packages:{Environment.NewLine}{installed.Output}");

            var run = await NodeTool.TestAsync(LookupTests, "find-nearest.test.js",
                new Dictionary<string, string>
                {
                    ["FIRESTORE_EMULATOR_HOST"] = options.FirestoreEmulatorHost!,
                    ["LOOKUP_PROJECT_ID"] = project,
                    ["QUERY_VECTOR_FILE"] = vectorFile,
                    ["RESULTS_FILE"] = resultsFile,
                },
                TimeSpan.FromMinutes(2));
            output.WriteLine(run.Output);

            var found = ReadResults(await File.ReadAllTextAsync(resultsFile));
            Assert.Equal("blue-white-portrait.png", found[0].Name);
            Assert.Equal(expected.Select(r => r.Name), found.Select(r => r.Name));
            Assert.All(found.Zip(expected), pair => Assert.Equal(pair.Second.Distance, pair.First.Distance, 5));
            Assert.True(found[0].Distance < found[1].Distance, $"the nearest is at {found[0].Distance}, the next at {found[1].Distance}");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static List<(string Name, double Distance)> ReadResults(string json)
    {
        using var document = JsonDocument.Parse(json);
        return [.. document.RootElement.EnumerateArray().Select(r => (r.GetProperty("name").GetString()!, r.GetProperty("distance").GetDouble()))];
    }
}
