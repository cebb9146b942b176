using System.Net;
using DescribeFunction.Local.Hosting;
using DescribeFunction.Store;
using DescribeFunction.Tests.Infrastructure;

namespace DescribeFunction.Tests.EndToEnd;

public sealed class FilterAndLifecycleTests
{
    private static byte[] Image => DescribeEndToEndTests.Sample("blue-white-portrait.png");

    [Fact]
    public async Task Filters_SkipWhatIsNotForThisFunctionWithoutModelCallOrDocument()
    {
        await using var stack = await FunctionWithStandIns.StartAsync(new Dictionary<string, string?>
        {
            ["TRIGGER_BUCKET"] = "other-bucket",
        });

        var response = await stack.UploadAndDeliverAsync("elsewhere.png", Image);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Null(await stack.GetDocumentAsync("elsewhere.png"));
        Assert.Equal(0, stack.Environment.Describer.Faults.RequestCount);
    }

    [Theory]
    [InlineData("uploads/a.png", true)]
    [InlineData("uploads/thumbs/a.png", false)]
    [InlineData("private/a.png", false)]
    [InlineData("uploads/a.tmp.png", false)]
    public async Task IncludeAndExcludeNames_SelectObjects(string name, bool described)
    {
        await using var stack = await FunctionWithStandIns.StartAsync(new Dictionary<string, string?>
        {
            ["TRIGGER_BUCKET"] = LocalEnvironment.Bucket,
            ["INCLUDE_NAMES"] = "uploads/",
            ["EXCLUDE_NAMES"] = "uploads/thumbs/, **.tmp.*",
        });

        var response = await stack.UploadAndDeliverAsync(name, Image);

        Assert.Equal(described ? HttpStatusCode.OK : HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(described, await stack.GetDocumentAsync(name) is not null);
    }

    [Fact]
    public async Task OctetStream_IsDecidedByTheFileExtension()
    {
        await using var stack = await FunctionWithStandIns.StartAsync(new Dictionary<string, string?> { ["IMAGE_DELIVERY"] = "inline" });

        var image = await stack.UploadAndDeliverAsync("upload.png", Image, "application/octet-stream");
        var blob = await stack.UploadAndDeliverAsync("upload.bin", Image, "application/octet-stream");

        Assert.Equal(HttpStatusCode.OK, image.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, blob.StatusCode);
        Assert.StartsWith("data:image/png;base64,", DescribeFunction.Local.Describer.DescriberStandIn.GetLog(stack.Environment.Describer).ImageUrls.Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OversizedImage_IsRecordedFailedWithoutModelCall()
    {
        await using var stack = await FunctionWithStandIns.StartAsync(new Dictionary<string, string?> { ["MAX_OBJECT_BYTES"] = "1000" });

        var response = await stack.UploadAndDeliverAsync("big.png", Image);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var f = (await stack.GetDocumentAsync("big.png"))!.Fields;
        Assert.Equal(DescriptionStatus.Failed, f.GetString("status"));
        Assert.Equal("image-too-large", f.GetMap("error")!.GetString("code"));
        Assert.Equal(0, stack.Environment.Describer.Faults.RequestCount);
    }

    [Theory]
    [InlineData("keep", true, false)]
    [InlineData("mark", true, true)]
    [InlineData("delete", false, false)]
    public async Task DeletedEvent_AppliesOnDeleteToTheSameGenerationOnly(string policy, bool documentRemains, bool marked)
    {
        await using var stack = await FunctionWithStandIns.StartAsync(new Dictionary<string, string?> { ["ON_DELETE"] = policy });
        var stored = stack.Upload("gone.png", Image, "image/png");
        Assert.Equal(HttpStatusCode.OK, (await stack.DeliverAsync(stored)).StatusCode);

        var olderDelete = await stack.Function.Client.SendAsync(DeletedEvent(stored, stored.Generation - 1));
        Assert.Equal(HttpStatusCode.OK, olderDelete.StatusCode);
        Assert.NotNull(await stack.GetDocumentAsync("gone.png"));
        Assert.False((await stack.GetDocumentAsync("gone.png"))!.Fields.ContainsKey("deleted"));

        var response = await stack.Function.Client.SendAsync(DeletedEvent(stored, stored.Generation));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = await stack.GetDocumentAsync("gone.png");
        Assert.Equal(documentRemains, document is not null);
        Assert.Equal(marked, document?.Fields.GetBoolean("deleted") == true);
        Assert.Equal(marked, document?.Fields.GetTimestamp("deletedAt") is not null);
    }

    private static HttpRequestMessage DeletedEvent(DescribeFunction.Local.Storage.LocalObject stored, long generation)
    {
        var request = FinalizedEvent.Create(stored, generation: generation);
        request.Headers.Remove("ce-type");
        request.Headers.Add("ce-type", "google.cloud.storage.object.v1.deleted");
        return request;
    }
}
