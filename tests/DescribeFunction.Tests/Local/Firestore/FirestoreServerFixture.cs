using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using DescribeFunction.Local.Firestore;
using DescribeFunction.Local.Hosting;

namespace DescribeFunction.Tests.Local.Firestore;

/// <summary>One Firestore stand-in per test class on an ephemeral port; tests keep apart by using their own collection.</summary>
public sealed class FirestoreServerFixture : IAsyncLifetime
{
    public const string Project = "demo-project";
    public const string Database = "(default)";

    public StandInServer Server { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    public DocumentStore Store => FirestoreStandIn.Documents(Server);

    public async Task InitializeAsync()
    {
        Server = await FirestoreStandIn.StartAsync();
        Http = new HttpClient { BaseAddress = Server.BaseAddress };
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
    }

    public static string NewCollection() => "c" + Guid.NewGuid().ToString("N")[..12];

    public static string Name(string collection, string id, string project = Project, string database = Database) =>
        $"projects/{project}/databases/{database}/documents/{collection}/{id}";

    /// <summary>The URL of a document, each segment percent-encoded once the way a careful client does.</summary>
    public static string DocumentUrl(string collection, string id, string project = Project, string database = Database) =>
        $"{DatabaseUrl(project, database)}/documents/{Uri.EscapeDataString(collection)}/{Uri.EscapeDataString(id)}";

    public static string DatabaseUrl(string project = Project, string database = Database) =>
        $"v1/projects/{Uri.EscapeDataString(project)}/databases/{Uri.EscapeDataString(database)}";

    public static string CommitUrl(string project = Project, string database = Database) => DatabaseUrl(project, database) + "/documents:commit";

    public Task<Reply> SendAsync(HttpMethod method, string url, JsonNode? body = null) => SendAsync(method, url, body, "Bearer owner");

    public async Task<Reply> SendAsync(HttpMethod method, string url, JsonNode? body, string? authorization)
    {
        using var request = new HttpRequestMessage(method, url);
        if (authorization is not null)
        {
            request.Headers.Authorization = AuthenticationHeaderValue.Parse(authorization);
        }

        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return new Reply(response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    public Task<Reply> CommitAsync(params JsonObject[] writes) =>
        SendAsync(HttpMethod.Post, CommitUrl(), new JsonObject { ["writes"] = new JsonArray([.. writes]) });

    public static JsonObject Update(string name, JsonObject fields) =>
        new() { ["update"] = new JsonObject { ["name"] = name, ["fields"] = fields } };

    public static JsonObject StringValue(string value) => new() { ["stringValue"] = value };

    public static JsonObject IntegerValue(long value) => new() { ["integerValue"] = value.ToString(System.Globalization.CultureInfo.InvariantCulture) };
}

public sealed record Reply(HttpStatusCode Status, JsonNode? Body)
{
    public string? ErrorStatus => Body?["error"]?["status"]?.GetValue<string>();

    public string? ErrorMessage => Body?["error"]?["message"]?.GetValue<string>();

    public int? ErrorCode => Body?["error"]?["code"]?.GetValue<int>();
}
