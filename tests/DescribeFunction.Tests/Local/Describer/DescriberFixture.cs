using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using DescribeFunction.Local.Describer;
using DescribeFunction.Local.Hosting;
using DescribeFunction.Local.Storage;

namespace DescribeFunction.Tests.Local.Describer;

/// <summary>A describer on a free loopback port over a fresh temporary bucket holding the bundled samples.</summary>
public sealed class DescriberFixture : IAsyncLifetime
{
    public const string Bucket = "samples";
    private readonly string _root = Path.Combine(Path.GetTempPath(), "describer-tests-" + Guid.NewGuid().ToString("N"));
    private StandInServer? _server;

    public LocalBucketStore Store { get; private set; } = null!;

    public DescriberSettings Settings { get; } = new();

    public StandInServer Server => _server!;

    public DescriberLog Log => DescriberStandIn.GetLog(Server);

    public HttpClient Http { get; } = new();

    public static string SamplePath(string file) => Path.Combine(AppContext.BaseDirectory, "Samples", file);

    public async Task InitializeAsync()
    {
        Store = new LocalBucketStore(_root);
        foreach (var (file, type) in new[] { ("sunset-landscape.jpg", "image/jpeg"), ("blue-white-portrait.png", "image/png"), ("green-yellow-square.webp", "image/webp") })
        {
            Store.Put(Bucket, file, await File.ReadAllBytesAsync(SamplePath(file)), type);
        }

        _server = await DescriberStandIn.StartAsync(Store, Settings);
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }

    /// <summary>A chat request body with one text part and one image part, the image URL written exactly as given.</summary>
    public static string Body(string imageUrl, string model = "google/gemini-3.8-flash", bool stream = false, string extra = "")
    {
        var request = new JsonObject
        {
            ["model"] = model,
            ["stream"] = stream,
            ["messages"] = new JsonArray(new JsonObject
            {
                ["role"] = "user",
                ["content"] = new JsonArray(
                    new JsonObject { ["type"] = "text", ["text"] = "Describe this image." },
                    new JsonObject { ["type"] = "image_url", ["image_url"] = new JsonObject { ["url"] = imageUrl } }),
            }),
        };
        var json = request.ToJsonString();
        return extra.Length == 0 ? json : json[..^1] + "," + extra + "}";
    }

    public async Task<HttpResponseMessage> PostAsync(string path, string body, string? token = "test-token", string? faultHeader = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Server.BaseAddress, path))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (faultHeader is not null)
        {
            request.Headers.Add("X-StandIn-Fault", faultHeader);
        }

        return await Http.SendAsync(request);
    }

    public const string OpenAIPath = "v1/chat/completions";
    public const string VertexPath = "v1/projects/local-project/locations/global/endpoints/openapi/chat/completions";

    public async Task<string> DescribeAsync(string imageUrl)
    {
        using var response = await PostAsync(VertexPath, Body(imageUrl));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return JsonNode.Parse(text)!["choices"]![0]!["message"]!["content"]!.GetValue<string>();
    }
}
