using System.Net;
using System.Text.Json.Nodes;

namespace DescribeFunction.Tests.Local.Describer;

public sealed class RequestCheckTests(DescriberFixture fixture) : IClassFixture<DescriberFixture>
{
    private const string Sunset = "gs://samples/sunset-landscape.jpg";

    [Fact]
    public async Task NoBearerToken_Is401Unauthenticated()
    {
        using var response = await fixture.PostAsync(DescriberFixture.VertexPath, DescriberFixture.Body(Sunset), token: null);

        await AssertErrorAsync(response, HttpStatusCode.Unauthorized, "UNAUTHENTICATED", "missing required authentication credential");
    }

    [Fact]
    public async Task VertexPath_ModelWithoutPublisher_Is400NamingTheModel()
    {
        using var response = await fixture.PostAsync(DescriberFixture.VertexPath, DescriberFixture.Body(Sunset, model: "gemini-3.8-flash"));

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "INVALID_ARGUMENT", "\"gemini-3.8-flash\"");
    }

    [Fact]
    public async Task VertexPath_UnknownGoogleModel_Is404NotFound()
    {
        using var response = await fixture.PostAsync(DescriberFixture.VertexPath, DescriberFixture.Body(Sunset, model: "google/gemini-2.5-flash"));

        await AssertErrorAsync(response, HttpStatusCode.NotFound, "NOT_FOUND", "publishers/google/models/gemini-2.5-flash");
    }

    [Fact]
    public async Task OpenAIPath_AcceptsAnyModelName()
    {
        using var response = await fixture.PostAsync(DescriberFixture.OpenAIPath, DescriberFixture.Body(Sunset, model: "any-local-model"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("any-local-model", json["model"]!.GetValue<string>());
        Assert.Equal("chat.completion", json["object"]!.GetValue<string>());
    }

    [Fact]
    public async Task GsUrl_WithSpacesPercentAndHash_IsResolvedLiterally()
    {
        const string name = "holiday photos/My%20Sunset #1?.jpg";
        fixture.Store.Put(DescriberFixture.Bucket, name, await File.ReadAllBytesAsync(DescriberFixture.SamplePath("sunset-landscape.jpg")), "image/jpeg");
        var url = $"gs://{DescriberFixture.Bucket}/{name}";

        var text = await fixture.DescribeAsync(url);

        Assert.StartsWith("A landscape JPEG image", text, StringComparison.Ordinal);
        Assert.Contains(url, fixture.Log.ImageUrls);
    }

    [Fact]
    public async Task GsUrl_PercentEncodedForm_IsNotDecoded_AndFailsLikeVertex()
    {
        fixture.Store.Put(DescriberFixture.Bucket, "My Photo.jpg", await File.ReadAllBytesAsync(DescriberFixture.SamplePath("sunset-landscape.jpg")), "image/jpeg");

        using var response = await fixture.PostAsync(DescriberFixture.VertexPath, DescriberFixture.Body("gs://samples/My%20Photo.jpg"));

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "INVALID_ARGUMENT", "No such object: samples/My%20Photo.jpg");
        Assert.Contains("gs://samples/My%20Photo.jpg", fixture.Log.ImageUrls);
    }

    [Fact]
    public async Task UndecodableBytes_Is400UnableToProcess()
    {
        var url = "data:image/jpeg;base64," + Convert.ToBase64String("definitely not an image"u8.ToArray());

        using var response = await fixture.PostAsync(DescriberFixture.VertexPath, DescriberFixture.Body(url));

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "INVALID_ARGUMENT", "Unable to process input image");
    }

    [Fact]
    public async Task NoImagePart_Is400()
    {
        const string body = """{"model":"google/gemini-3.8-flash","messages":[{"role":"user","content":"Describe nothing."}]}""";

        using var response = await fixture.PostAsync(DescriberFixture.VertexPath, body);

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "INVALID_ARGUMENT", "image_url");
    }

    [Fact]
    public async Task RequireAuthOff_AcceptsRequestsWithoutToken()
    {
        var settings = new DescribeFunction.Local.Describer.DescriberSettings { RequireAuth = false };
        await using var server = await DescribeFunction.Local.Describer.DescriberStandIn.StartAsync(fixture.Store, settings);
        using var http = new HttpClient();

        using var response = await http.PostAsync(
            new Uri(server.BaseAddress, DescriberFixture.OpenAIPath),
            new StringContent(DescriberFixture.Body(Sunset), System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    internal static async Task AssertErrorAsync(HttpResponseMessage response, HttpStatusCode status, string statusName, string messagePart)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, body);
        var error = JsonNode.Parse(body)!["error"]!;
        Assert.Equal((int)status, error["code"]!.GetValue<int>());
        Assert.Equal(statusName, error["status"]!.GetValue<string>());
        Assert.Contains(messagePart, error["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
