using System.Net;
using DescribeFunction.Local.Firestore;
using DescribeFunction.Local.Hosting;
using DescribeFunction.Search;
using DescribeFunction.Tests.Docs;
using DescribeFunction.Tests.EndToEnd;
using DescribeFunction.Tests.Infrastructure;

namespace DescribeFunction.Tests.Search;

/// <summary>
/// The vector index is never a surprise: with the Firestore stand-in holding production's rule (a findNearest needs
/// a composite index of the query vector's length over exactly its prefilter fields), the shipped index file serves
/// every search the docs list, and a search without its index prints the one command that creates it.
/// </summary>
public sealed class VectorIndexTests : IAsyncLifetime
{
    private const string IndexFile = "docs/firestore/firestore.indexes.json";
    private FunctionWithStandIns _stack = null!;

    public async Task InitializeAsync()
    {
        _stack = await FunctionWithStandIns.StartAsync(new Dictionary<string, string?>
        {
            ["EMBEDDING_MODEL"] = LocalEnvironment.DefaultEmbeddingModel,
        });
        foreach (var sample in new[] { "blue-white-portrait.png", "sunset-landscape.jpg" })
        {
            var response = await _stack.UploadAndDeliverAsync("photos/" + sample, DescribeEndToEndTests.Sample(sample), sample.EndsWith(".jpg", StringComparison.Ordinal) ? "image/jpeg" : "image/png");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    public async Task DisposeAsync() => await _stack.DisposeAsync();

    private DocumentStore Store => FirestoreStandIn.Documents(_stack.Environment.Firestore);

    [Theory]
    [InlineData("a blue portrait")]
    [InlineData("a blue portrait|--status|done")]
    [InlineData("a blue portrait|--label|portrait")]
    [InlineData("a blue portrait|--prefix|photos/")]
    [InlineData("--like|photos/sunset-landscape.jpg")]
    public async Task Search_WithTheShippedIndexes_RunsEveryFilterTheDocsList(string commandLine)
    {
        var args = commandLine.Split('|');
        Store.VectorIndexes = ShippedIndexes();

        var (code, _, errors) = await SearchAsync(args);

        Assert.True(code == 0, $"{IndexFile} lacks the index for search {string.Join(' ', args)}: {errors}");
    }

    [Fact]
    public async Task Search_WithoutItsIndex_PrintsOneSentenceWithTheCommandThatCreatesIt_AndThatIndexServesIt()
    {
        Store.VectorIndexes = ShippedIndexes();
        string[] args = ["a blue portrait", "--status", "done", "--prefix", "photos/", "--json"];

        var (code, output, errors) = await SearchAsync(args);

        Assert.Equal(1, code);
        Assert.Empty(output.Trim());
        var line = Assert.Single(errors.Trim().Split('\n'));
        Assert.StartsWith("Firestore has no vector index for this search yet; create it with: gcloud firestore indexes composite create", line, StringComparison.Ordinal);

        Store.VectorIndexes.Add(GcloudIndexCommand.Parse(line));
        var (retried, results, retryErrors) = await SearchAsync(args);

        Assert.True(retried == 0, retryErrors);
        Assert.Contains("photos/blue-white-portrait.png", results, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_AfterADimensionChange_AdvisesAnIndexOfTheNewLength()
    {
        Store.VectorIndexes = ShippedIndexes();

        var (code, _, errors) = await SearchAsync(["a blue portrait"], dimensions: 256);

        Assert.Equal(1, code);
        Assert.Contains("\"dimension\":\"256\"", errors, StringComparison.Ordinal);
        Assert.Equal(256, GcloudIndexCommand.Parse(errors.Trim()).Fields[^1].Dimension);
    }

    [Fact]
    public async Task Search_WithStoredVectorsOfAnotherLength_ReportsThemInsteadOfSkippingThemSilently()
    {
        var (code, output, errors) = await SearchAsync(["a blue portrait", "--json"], dimensions: 256);

        Assert.Equal(0, code);
        Assert.Contains("\"results\":[]", output, StringComparison.Ordinal);
        var line = Assert.Single(errors.Trim().Split('\n'));
        Assert.Equal("2 stored embeddings have another length than EMBEDDING_DIMENSIONS (256), so no search finds them; run DescribeFunction backfill --reembed stale.", line);

        var (sameCode, _, sameErrors) = await SearchAsync(["a blue portrait"]);
        Assert.Equal(0, sameCode);
        Assert.Empty(sameErrors);
    }

    /// <summary>The shipped file, deployed for the collection the test's function writes.</summary>
    private VectorIndexes ShippedIndexes() => VectorIndexes.FromIndexFile(Repository.Read(IndexFile), _stack.Collection);

    private async Task<(int Code, string Output, string Errors)> SearchAsync(string[] args, int? dimensions = null)
    {
        var settings = _stack.Environment.FunctionSettings.ToDictionary(kv => kv.Key, kv => (string?)kv.Value);
        settings["EMBEDDING_MODEL"] = LocalEnvironment.DefaultEmbeddingModel;
        if (dimensions is { } d)
        {
            settings["EMBEDDING_DIMENSIONS"] = d.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        using var output = new StringWriter();
        using var errors = new StringWriter();
        var code = await SearchCommand.RunAsync(args, settings, output, errors, CancellationToken.None);
        return (code, output.ToString(), errors.ToString());
    }
}
