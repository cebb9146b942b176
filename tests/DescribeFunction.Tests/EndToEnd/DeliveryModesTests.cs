using System.Net;
using DescribeFunction.Local.Describer;
using DescribeFunction.Store;
using DescribeFunction.Tests.Infrastructure;

namespace DescribeFunction.Tests.EndToEnd;

public sealed class DeliveryModesTests
{
    private static byte[] Sample(string file) => DescribeEndToEndTests.Sample(file);

    [Fact]
    public async Task InlineDelivery_ReadsTheObjectThroughStorageAndSendsADataUrl()
    {
        await using var stack = await FunctionWithStandIns.StartAsync(new Dictionary<string, string?> { ["IMAGE_DELIVERY"] = "inline" });
        var bytes = Sample("green-yellow-square.webp");

        var response = await stack.UploadAndDeliverAsync("inline/square.webp", bytes, "image/webp");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["data:image/webp;base64," + Convert.ToBase64String(bytes)], DescriberStandIn.GetLog(stack.Environment.Describer).ImageUrls);
        var f = (await stack.GetDocumentAsync("inline/square.webp"))!.Fields;
        Assert.Equal(DescriptionStatus.Done, f.GetString("status"));
        Assert.Contains("square WebP image, 256 by 256 pixels", f.GetString("description"), StringComparison.Ordinal);
        Assert.Equal("gs://local-bucket/inline/square.webp", f.GetString("gsUri"));
    }

    [Fact]
    public async Task InlineDelivery_ImageOverInlineImageMaxBytes_IsRecordedFailedNamingTheLimit()
    {
        await using var stack = await FunctionWithStandIns.StartAsync(new Dictionary<string, string?> { ["IMAGE_DELIVERY"] = "inline", ["INLINE_IMAGE_MAX_BYTES"] = "100" });

        var response = await stack.UploadAndDeliverAsync("inline/too-big.webp", Sample("green-yellow-square.webp"), "image/webp");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(DescriberStandIn.GetLog(stack.Environment.Describer).ImageUrls);
        var error = (await stack.GetDocumentAsync("inline/too-big.webp"))!.Fields.GetMap("error")!;
        Assert.Equal("image-too-large", error.GetString("code"));
        Assert.Contains("100 bytes", error.GetString("message"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExpiredAccessToken_IsRefreshedForTheNextEvent()
    {
        await using var stack = await FunctionWithStandIns.StartAsync(configure: env => env.MetadataSettings.TokenLifetime = TimeSpan.FromSeconds(1));
        var tokens = stack.Environment.MetadataSettings.Tokens;

        Assert.Equal(HttpStatusCode.OK, (await stack.UploadAndDeliverAsync("first.png", Sample("blue-white-portrait.png"))).StatusCode);
        var issuedForFirst = tokens.IssuedCount;
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        Assert.Equal(HttpStatusCode.OK, (await stack.UploadAndDeliverAsync("second.png", Sample("blue-white-portrait.png"))).StatusCode);

        // The describer refuses expired tokens with 401, which would record a failure: both must be done.
        Assert.Equal(DescriptionStatus.Done, (await stack.GetDocumentAsync("first.png"))!.Fields.GetString("status"));
        Assert.Equal(DescriptionStatus.Done, (await stack.GetDocumentAsync("second.png"))!.Fields.GetString("status"));
        Assert.True(issuedForFirst >= 1);
        Assert.True(tokens.IssuedCount > issuedForFirst, "a new token was fetched from the metadata server after the first expired");
    }

}
