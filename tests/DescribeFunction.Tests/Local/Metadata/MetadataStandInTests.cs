using System.Net;
using System.Text.Json.Nodes;
using DescribeFunction.Local.Describer;
using DescribeFunction.Local.Hosting;
using DescribeFunction.Local.Metadata;
using DescribeFunction.Local.Storage;
using Google.Apis.Auth.OAuth2;

namespace DescribeFunction.Tests.Local.Metadata;

public sealed class MetadataStandInTests : IAsyncLifetime, IDisposable
{
    private const string TokenPath = "computeMetadata/v1/instance/service-accounts/default/token";
    private readonly ManualClock _clock = new();
    private readonly HttpClient _http = new();
    private readonly string _root = Path.Combine(Path.GetTempPath(), "metadata-tests-" + Guid.NewGuid().ToString("N"));
    private MetadataSettings _settings = null!;
    private StandInServer _metadata = null!;
    private StandInServer _describer = null!;

    public async Task InitializeAsync()
    {
        _settings = new MetadataSettings { ProjectId = "demo-project", TokenLifetime = TimeSpan.FromSeconds(3), Tokens = new TokenRegistry(_clock) };
        _metadata = await MetadataStandIn.StartAsync(_settings);
        var store = new LocalBucketStore(_root);
        store.Put("b", "a.png", await File.ReadAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "Samples", "blue-white-portrait.png")), "image/png");
        _describer = await DescriberStandIn.StartAsync(store, new DescriberSettings { Tokens = _settings.Tokens });
    }

    public void Dispose() => _http.Dispose();

    public async Task DisposeAsync()
    {
        await _describer.DisposeAsync();
        await _metadata.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public async Task Ping_AnswersWithMetadataFlavorGoogle()
    {
        using var request = Request("");

        using var response = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Google", Assert.Single(response.Headers.GetValues("Metadata-Flavor")));
    }

    [Fact]
    public async Task MetadataPath_WithoutFlavorHeader_Is403()
    {
        using var response = await _http.GetAsync(new Uri(_metadata.BaseAddress, "computeMetadata/v1/project/project-id"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(0, _settings.Tokens.IssuedCount);
    }

    [Theory]
    [InlineData("computeMetadata/v1/project/project-id", "demo-project")]
    [InlineData("computeMetadata/v1/instance/service-accounts/default/email", "describe-function@local-project.iam.gserviceaccount.com")]
    [InlineData("computeMetadata/v1/universe/universe-domain", "googleapis.com")]
    public async Task PlainValues_AreServed(string path, string expected)
    {
        using var request = Request(path);

        using var response = await _http.SendAsync(request);

        Assert.Equal(expected, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Token_IsOAuthShapedAndNewEachCall()
    {
        var first = await GetTokenJsonAsync();
        var second = await GetTokenJsonAsync();

        Assert.Equal("local-token-1", first["access_token"]!.GetValue<string>());
        Assert.Equal("local-token-2", second["access_token"]!.GetValue<string>());
        Assert.Equal(3, first["expires_in"]!.GetValue<int>());
        Assert.Equal("Bearer", first["token_type"]!.GetValue<string>());
    }

    [Fact]
    public async Task ComputeCredential_ShortLivedTokens_AreRefreshedPerRequest_AndAccepted()
    {
        // 3 s is inside Google.Apis.Auth's early-refresh window, so every request fetches a new token.
        var credential = Credential();

        var first = await credential.GetAccessTokenForRequestAsync();
        var second = await credential.GetAccessTokenForRequestAsync();

        Assert.NotEqual(first, second);
        Assert.Equal(HttpStatusCode.OK, await DescribeWithAsync(first));
        Assert.Equal(HttpStatusCode.OK, await DescribeWithAsync(second));
    }

    [Fact]
    public async Task ComputeCredential_CachesAnHourToken_ThenRefreshesItAfterExpiry()
    {
        _settings.TokenLifetime = TimeSpan.FromHours(1);
        var credential = Credential();

        var first = await credential.GetAccessTokenForRequestAsync();
        var cached = await credential.GetAccessTokenForRequestAsync();
        _clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));
        var refreshed = await credential.GetAccessTokenForRequestAsync();

        Assert.Equal(first, cached);
        Assert.NotEqual(first, refreshed);
        Assert.Equal(HttpStatusCode.Unauthorized, await DescribeWithAsync(first));
        Assert.Equal(HttpStatusCode.OK, await DescribeWithAsync(refreshed));
    }

    [Fact]
    public async Task Describer_WithRegistry_RejectsUnknownToken()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, await DescribeWithAsync("made-up-token"));
    }

    private ComputeCredential Credential() =>
        new(new ComputeCredential.Initializer(new Uri(_metadata.BaseAddress, TokenPath).AbsoluteUri) { Clock = _clock });

    private HttpRequestMessage Request(string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_metadata.BaseAddress, path));
        request.Headers.Add("Metadata-Flavor", "Google");
        return request;
    }

    private async Task<JsonNode> GetTokenJsonAsync()
    {
        using var request = Request(TokenPath);
        using var response = await _http.SendAsync(request);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    private async Task<HttpStatusCode> DescribeWithAsync(string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_describer.BaseAddress, "v1/chat/completions"))
        {
            Content = new StringContent(Describer.DescriberFixture.Body("gs://b/a.png"), System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        using var response = await _http.SendAsync(request);
        return response.StatusCode;
    }
}
