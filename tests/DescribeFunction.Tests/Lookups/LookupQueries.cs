using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace DescribeFunction.Tests.Lookups;

/// <summary>
/// The lookups of docs/documents-and-lookups.md as Firestore REST calls, the same structured queries it shows, sent with
/// <see cref="HttpClient"/> to a stand-in or the official emulator (<c>Authorization: Bearer owner</c>).
/// </summary>
internal sealed class LookupQueries(HttpClient http, string project, string collection)
{
    private string Documents => $"v1/projects/{project}/databases/(default)/documents";

    /// <summary>By id: one GET; null when there is no such document.</summary>
    public async Task<JsonObject?> GetAsync(string documentId)
    {
        using var response = await SendAsync(HttpMethod.Get, $"{Documents}/{collection}/{Uri.EscapeDataString(documentId)}", body: null);
        return response.StatusCode == System.Net.HttpStatusCode.NotFound ? null : await ReadAsync<JsonObject>(response);
    }

    /// <summary><c>labels array-contains LABEL</c> and <c>status == done</c>, newest first.</summary>
    public Task<List<JsonObject>> WithLabelAsync(string label) => RunQueryAsync(new JsonObject
    {
        ["from"] = From(),
        ["where"] = And(Field("labels", "ARRAY_CONTAINS", String(label)), Field("status", "EQUAL", String("done"))),
        ["orderBy"] = new JsonArray(Order("updatedAt", "DESCENDING")),
        ["limit"] = 20,
    });

    /// <summary>Every name that starts with PREFIX (<c>name &gt;= P</c> and <c>name &lt; P + U+10FFFF</c>), ordered by name.</summary>
    public Task<List<JsonObject>> UnderPrefixAsync(string prefix) => RunQueryAsync(new JsonObject
    {
        ["from"] = From(),
        ["where"] = And(Field("name", "GREATER_THAN_OR_EQUAL", String(prefix)), Field("name", "LESS_THAN", String(prefix + "\U0010FFFF"))),
        ["orderBy"] = new JsonArray(Order("name", "ASCENDING")),
    });

    /// <summary>
    /// One page of <c>status == done</c>, newest first. The next page starts after the last document of this one: its
    /// <c>updatedAt</c> and its name (the tie-breaker Firestore orders by last).
    /// </summary>
    public Task<List<JsonObject>> NewestPageAsync(int pageSize, JsonObject? after = null)
    {
        var query = new JsonObject
        {
            ["from"] = From(),
            ["where"] = Field("status", "EQUAL", String("done")),
            // A cursor holding a document name needs the name order spelled out: the tie-breaker, in the same direction.
            ["orderBy"] = new JsonArray(Order("updatedAt", "DESCENDING"), Order("__name__", "DESCENDING")),
            ["limit"] = pageSize,
        };
        if (after is not null)
        {
            query["startAt"] = new JsonObject
            {
                ["values"] = new JsonArray(after["fields"]!["updatedAt"]!.DeepClone(), new JsonObject { ["referenceValue"] = (string)after["name"]! }),
                ["before"] = false,
            };
        }

        return RunQueryAsync(query);
    }

    /// <summary><c>count()</c> of the documents with this status (Firestore has no GROUP BY: one aggregation per status).</summary>
    public async Task<long> CountAsync(string status)
    {
        var body = new JsonObject
        {
            ["structuredAggregationQuery"] = new JsonObject
            {
                ["structuredQuery"] = new JsonObject { ["from"] = From(), ["where"] = Field("status", "EQUAL", String(status)) },
                ["aggregations"] = new JsonArray(new JsonObject { ["alias"] = "count", ["count"] = new JsonObject() }),
            },
        };
        using var response = await SendAsync(HttpMethod.Post, Documents + ":runAggregationQuery", body);
        var results = await ReadAsync<JsonArray>(response);
        var count = results.OfType<JsonObject>().Select(r => r["result"]?["aggregateFields"]?["count"]?["integerValue"]).Single(v => v is not null);
        return long.Parse((string)count!, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The object names of a query's documents, in the order returned.</summary>
    public static List<string> Names(IEnumerable<JsonObject> documents) =>
        [.. documents.Select(d => (string)d["fields"]!["name"]!["stringValue"]!)];

    private async Task<List<JsonObject>> RunQueryAsync(JsonObject structuredQuery)
    {
        using var response = await SendAsync(HttpMethod.Post, Documents + ":runQuery", new JsonObject { ["structuredQuery"] = structuredQuery });
        var results = await ReadAsync<JsonArray>(response);
        return [.. results.OfType<JsonObject>().Select(r => r["document"]).OfType<JsonObject>()];
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, JsonObject? body)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "owner");
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return await http.SendAsync(request);
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response)
        where T : JsonNode
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} from {response.RequestMessage!.RequestUri}: {text}");
        return (T)JsonNode.Parse(text)!;
    }

    private JsonArray From() => [new JsonObject { ["collectionId"] = collection }];

    private static JsonObject String(string value) => new() { ["stringValue"] = value };

    private static JsonObject Field(string path, string op, JsonObject value) => new()
    {
        ["fieldFilter"] = new JsonObject { ["field"] = new JsonObject { ["fieldPath"] = path }, ["op"] = op, ["value"] = value },
    };

    private static JsonObject And(params JsonObject[] filters) => new()
    {
        ["compositeFilter"] = new JsonObject { ["op"] = "AND", ["filters"] = new JsonArray([.. filters]) },
    };

    private static JsonObject Order(string path, string direction) => new()
    {
        ["field"] = new JsonObject { ["fieldPath"] = path },
        ["direction"] = direction,
    };
}
