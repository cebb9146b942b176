using System.Net;
using DescribeFunction.Local.Describer;
using DescribeFunction.Local.Faults;
using DescribeFunction.Local.Hosting;
using DescribeFunction.Store;
using DescribeFunction.Tests.EndToEnd;
using DescribeFunction.Tests.Infrastructure;

namespace DescribeFunction.Tests.Search;

/// <summary>
/// Bad input to the <c>search</c> command and a failing embedding endpoint, on the stand-ins (neither depends on
/// the Firestore); the acceptance on each Firestore is <see cref="SearchOnEachFirestoreTests"/>.
/// </summary>
public sealed class SearchEndToEndTests : IAsyncLifetime
{
    private SearchHarness _search = null!;

    public async Task InitializeAsync() => _search = await SearchHarness.StartAsync("standin");

    public async Task DisposeAsync() => await _search.DisposeAsync();

    private FunctionWithStandIns Stack => _search.Stack;

    private DescriberLog Log => _search.Log;

    [Theory]
    [InlineData(new[] { "" }, "Say what to search for")]
    [InlineData(new[] { "boats", "--color", "red" }, "'--color' is not a search option")]
    [InlineData(new[] { "boats", "--limit", "0" }, "--limit must be a whole number from 1 to 1000")]
    [InlineData(new[] { "--like", "nothing/here.png" }, "No description is stored for nothing/here.png")]
    public async Task Search_BadInput_IsOneSentenceAndExitCode2(string[] args, string expected)
    {
        var (code, output, errors) = await _search.SearchAsync(args);

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
        Stack.Environment.Describer.Faults.Add(new FaultPlan { Status = status, CutAfterChunks = cut, Count = 1000, PathContains = ":predict" });

        var response = await Stack.UploadAndDeliverAsync("photos/sunset.jpg", DescribeEndToEndTests.Sample("sunset-landscape.jpg"), "image/jpeg");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var f = (await Stack.GetDocumentAsync("photos/sunset.jpg"))!.Fields;
        Assert.Equal(DescriptionStatus.Done, f.GetString("status"));
        Assert.False(string.IsNullOrEmpty(f.GetString("description")));
        Assert.False(f.ContainsKey("embedding"));
        Assert.Equal(status is { } s ? $"http-{s}" : "connection", f.GetMap("embeddingError")!.GetString("code"));
        Assert.Equal(1, Log.RequestCount); // one description, however the embedding went
        if (status == 400)
        {
            Assert.Equal(1, Stack.Environment.Describer.Faults.RequestCount - Log.RequestCount); // a 400 is not tried again
        }
    }

    [Fact]
    public async Task EmbeddingEndpointRecovering_StoresTheVector_AfterRetries()
    {
        Stack.Environment.Describer.Faults.Add(new FaultPlan { Status = 503, Count = 2, PathContains = ":predict" });

        await Stack.UploadAndDeliverAsync("photos/sunset.jpg", DescribeEndToEndTests.Sample("sunset-landscape.jpg"), "image/jpeg");

        var f = (await Stack.GetDocumentAsync("photos/sunset.jpg"))!.Fields;
        Assert.NotNull(f.GetVector("embedding"));
        Assert.False(f.ContainsKey("embeddingError"));
        Assert.Equal(1, Log.RequestCount);
    }
}
