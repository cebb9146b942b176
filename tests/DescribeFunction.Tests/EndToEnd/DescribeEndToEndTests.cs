using System.Net;
using DescribeFunction.Firestore;
using DescribeFunction.Local.Describer;
using DescribeFunction.Local.Faults;
using DescribeFunction.Store;
using DescribeFunction.Tests.Infrastructure;

namespace DescribeFunction.Tests.EndToEnd;

public sealed class DescribeEndToEndTests : IAsyncLifetime
{
    private FunctionWithStandIns _stack = null!;

    public static byte[] Sample(string file) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Samples", file));

    public async Task InitializeAsync() => _stack = await FunctionWithStandIns.StartAsync();

    public async Task DisposeAsync() => await _stack.DisposeAsync();

    private DescriberLog Log => DescriberStandIn.GetLog(_stack.Environment.Describer);

    [Fact]
    public async Task FinalizeEvent_StoresTheExactAssembledTextWithEveryField()
    {
        var stored = _stack.Upload("photos/sunset.jpg", Sample("sunset-landscape.jpg"), "image/jpeg");

        var response = await _stack.DeliverAsync(stored, eventId: "evt-42");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["gs://local-bucket/photos/sunset.jpg"], Log.ImageUrls);
        var document = await _stack.GetDocumentAsync("photos/sunset.jpg");
        Assert.NotNull(document);
        Assert.Equal("photos%2Fsunset.jpg", document.Id);
        var f = document.Fields;
        Assert.Equal(DescriptionStatus.Done, f.GetString("status"));
        Assert.Equal(await ExpectedTextAsync("gs://local-bucket/photos/sunset.jpg"), f.GetString("description"));
        Assert.Equal("local-bucket", f.GetString("bucket"));
        Assert.Equal("photos/sunset.jpg", f.GetString("name"));
        Assert.Equal("gs://local-bucket/photos/sunset.jpg", f.GetString("gsUri"));
        Assert.Equal(stored.Generation, f.GetInt64("generation"));
        Assert.Equal("image/jpeg", f.GetString("contentType"));
        Assert.Equal(stored.Size, f.GetInt64("size"));
        Assert.Equal("google/gemini-3.8-flash", f.GetString("model"));
        Assert.Equal("stop", f.GetString("finishReason"));
        Assert.True(f.GetMap("usage")!.GetInt64("inputTokens") > 0);
        Assert.True(f.GetMap("usage")!.GetInt64("outputTokens") > 0);
        Assert.NotNull(f.GetMap("timings")!.GetInt64("timeToFirstTokenMs"));
        Assert.True(f.GetMap("timings")!.GetInt64("totalMs") >= f.GetMap("timings")!.GetInt64("timeToFirstTokenMs"));
        Assert.True(f.GetInt64("chunks") > 3);
        Assert.Equal(1, f.GetInt64("attempts"));
        Assert.Equal("evt-42", f.GetString("eventId"));
        Assert.False(f.ContainsKey("error"));
        Assert.NotNull(f.GetTimestamp("createdAt"));
        Assert.True(f.GetTimestamp("updatedAt") > f.GetTimestamp("createdAt"));
    }

    public static TheoryData<string, string> AwkwardNames => new()
    {
        { "a/b/c.png", "a%2Fb%2Fc.png" },
        { "My Photo 1.png", "My Photo 1.png" },
        { "100% real.png", "100%25 real.png" },
        { "#1 ?query.png", "#1 ?query.png" },
        { "фото/кот 🐈.png", "фото%2Fкот 🐈.png" },
        { "__init__.py.png", "__init__.py.png" },
        { "__x__", "%5F_x__" },
        { "..", "%2E%2E" },
    };

    [Theory]
    [MemberData(nameof(AwkwardNames))]
    public async Task AwkwardObjectNames_LandUnderTheEncodedIdAndReachTheModelExactly(string name, string expectedId)
    {
        var response = await _stack.UploadAndDeliverAsync(name, Sample("blue-white-portrait.png"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = await _stack.Documents.GetAsync(_stack.Collection, expectedId, CancellationToken.None);
        Assert.Equal(DescriptionStatus.Done, document?.Fields.GetString("status"));
        Assert.Equal(name, document!.Fields.GetString("name"));
        Assert.Equal(["gs://local-bucket/" + name], Log.ImageUrls);
    }

    [Fact]
    public async Task KilobyteName_IsKeptAndLongerNamesAreHashed()
    {
        var kilobyte = new string('k', 1020) + ".png";
        var huge = new string('h', 1500) + ".png";

        Assert.Equal(HttpStatusCode.OK, (await _stack.UploadAndDeliverAsync(kilobyte, Sample("blue-white-portrait.png"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _stack.UploadAndDeliverAsync(huge, Sample("blue-white-portrait.png"))).StatusCode);

        Assert.Equal(DescriptionStatus.Done, (await _stack.Documents.GetAsync(_stack.Collection, kilobyte, CancellationToken.None))?.Fields.GetString("status"));
        var hashedId = DocumentId.FromObjectName(huge);
        Assert.StartsWith("%23", hashedId, StringComparison.Ordinal);
        var hashed = await _stack.Documents.GetAsync(_stack.Collection, hashedId, CancellationToken.None);
        Assert.Equal(huge, hashed?.Fields.GetString("name"));
    }

    [Fact]
    public async Task NotAnImage_IsAcknowledgedWithoutModelCallOrDocument()
    {
        var response = await _stack.UploadAndDeliverAsync("notes.txt", "hello"u8.ToArray(), "text/plain");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Null(await _stack.GetDocumentAsync("notes.txt"));
        Assert.Equal(0, Log.RequestCount);
    }

    [Fact]
    public async Task NonStandardFinishReason_KeepsTheTextAndRecordsTheReason()
    {
        _stack.Environment.Describer.Faults.Add(new FaultPlan { FinishReason = "MAX_TOKENS", PathContains = "chat/completions" });

        var response = await _stack.UploadAndDeliverAsync("cut.png", Sample("blue-white-portrait.png"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var f = (await _stack.GetDocumentAsync("cut.png"))!.Fields;
        Assert.Equal(DescriptionStatus.Done, f.GetString("status"));
        Assert.Equal("MAX_TOKENS", f.GetString("finishReason"));
        Assert.Equal(await ExpectedTextAsync("gs://local-bucket/cut.png"), f.GetString("description"));
        Assert.True(f.GetMap("usage")!.GetInt64("outputTokens") > 0);
    }

    [Fact]
    public async Task EndpointRejection_IsRecordedAsFailedWithTheEndpointsMessage()
    {
        _stack.Environment.Describer.Faults.Add(new FaultPlan { Status = 400, PathContains = "chat/completions" });

        var response = await _stack.UploadAndDeliverAsync("rejected.png", Sample("blue-white-portrait.png"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var f = (await _stack.GetDocumentAsync("rejected.png"))!.Fields;
        Assert.Equal(DescriptionStatus.Failed, f.GetString("status"));
        Assert.Equal("endpoint-400", f.GetMap("error")!.GetString("code"));
        Assert.Contains("Injected fault", f.GetMap("error")!.GetString("message"), StringComparison.Ordinal);
        Assert.DoesNotContain("local-token", f.GetMap("error")!.GetString("message"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownModel_IsRecordedFailedNamingTheModel()
    {
        await using var stack = await FunctionWithStandIns.StartAsync(new Dictionary<string, string?> { ["DESCRIBE_MODEL"] = "google/gemini-0.1-imaginary" });

        var response = await stack.UploadAndDeliverAsync("model.png", Sample("blue-white-portrait.png"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var error = (await stack.GetDocumentAsync("model.png"))!.Fields.GetMap("error")!;
        Assert.Equal("endpoint-404", error.GetString("code"));
        Assert.Contains("gemini-0.1-imaginary", error.GetString("message"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SecondDeliveryOfADoneVersion_DoesNotCallTheModelAgain()
    {
        var stored = _stack.Upload("twice.png", Sample("blue-white-portrait.png"), "image/png");

        Assert.Equal(HttpStatusCode.OK, (await _stack.DeliverAsync(stored)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await _stack.DeliverAsync(stored)).StatusCode);

        Assert.Equal(1, Log.RequestCount);
    }

    /// <summary>What the describer says of an image when asked without streaming: the text the stream must assemble to.</summary>
    private async Task<string> ExpectedTextAsync(string gsUri)
    {
        using var client = new HttpClient { BaseAddress = _stack.Environment.Describer.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new("Bearer", _stack.Environment.MetadataSettings.Tokens.Issue(TimeSpan.FromMinutes(1)));
        var url = System.Text.Json.JsonSerializer.Serialize(gsUri, TestJsonContext.Default.String);
        var body = $$"""{"model":"google/gemini-3.8-flash","messages":[{"role":"user","content":[{"type":"text","text":"Describe"},{"type":"image_url","image_url":{"url":{{url}} } }]}]}""";
        using var response = await client.PostAsync(new Uri("v1/chat/completions", UriKind.Relative), new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        response.EnsureSuccessStatusCode();
        using var json = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString()!;
    }
}
