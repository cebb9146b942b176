using System.Net.Http.Json;
using System.Text.Json.Nodes;
using DescribeFunction.Local.Firestore;
using DescribeFunction.Store;
using DescribeFunction.Tests.Infrastructure;

namespace DescribeFunction.Tests.Store;

/// <summary>The range <see cref="NamePrefix"/> gives finds emoji and full-width names on the stand-in and on Google's emulator.</summary>
public sealed class NamePrefixOnEachFirestoreTests
{
    private static readonly string[] Names = ["users/alice/a.jpg", "users/alice/😀.jpg", "users/alice/Ｆ.jpg", "users/alice0.jpg", "users/alicd/😀.jpg", "users/bob/a.jpg"];

    [Theory]
    [InlineData("standin")]
    [InlineData("emulator")]
    public async Task PrefixRange_FindsEveryNameUnderThePrefix(string firestore)
    {
        await using var standIn = firestore == "standin" ? await FirestoreStandIn.StartAsync() : null;
        var host = standIn?.HostAndPort ?? (await SharedFirestoreEmulator.GetAsync()).HostAndPort
            ?? throw new InvalidOperationException($"Google's Firestore emulator is unavailable: {(await SharedFirestoreEmulator.GetAsync()).Unavailable}");
        using var http = new HttpClient { BaseAddress = new Uri($"http://{host}/v1/projects/prefix-test/databases/(default)/"), Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new("Bearer", "owner");
        var collection = "prefix-" + Guid.NewGuid().ToString("N")[..12];
        var writes = new JsonArray([.. Names.Select((name, i) => (JsonNode)new JsonObject
        {
            ["update"] = new JsonObject
            {
                ["name"] = $"projects/prefix-test/databases/(default)/documents/{collection}/d{i}",
                ["fields"] = new JsonObject { ["name"] = new JsonObject { ["stringValue"] = name } },
            },
        })]);
        (await http.PostAsJsonAsync("./documents:commit", new JsonObject { ["writes"] = writes })).EnsureSuccessStatusCode();

        var found = await UnderAsync(http, collection, "users/alice/");

        Assert.Equal(["users/alice/a.jpg", "users/alice/Ｆ.jpg", "users/alice/😀.jpg"], found);
    }

    private static async Task<List<string>> UnderAsync(HttpClient http, string collection, string prefix)
    {
        static JsonObject Field(string op, string value) => new()
        {
            ["fieldFilter"] = new JsonObject
            {
                ["field"] = new JsonObject { ["fieldPath"] = "name" },
                ["op"] = op,
                ["value"] = new JsonObject { ["stringValue"] = value },
            },
        };
        var query = new JsonObject
        {
            ["structuredQuery"] = new JsonObject
            {
                ["from"] = new JsonArray(new JsonObject { ["collectionId"] = collection }),
                ["where"] = new JsonObject
                {
                    ["compositeFilter"] = new JsonObject
                    {
                        ["op"] = "AND",
                        ["filters"] = new JsonArray(Field("GREATER_THAN_OR_EQUAL", prefix), Field("LESS_THAN", NamePrefix.UpperBound(prefix)!)),
                    },
                },
                ["orderBy"] = new JsonArray(new JsonObject { ["field"] = new JsonObject { ["fieldPath"] = "name" } }),
            },
        };
        using var response = await http.PostAsJsonAsync("./documents:runQuery", query);
        response.EnsureSuccessStatusCode();
        var results = await response.Content.ReadFromJsonAsync<JsonArray>();
        return [.. results!.Where(r => r!["document"] is not null).Select(r => (string)r!["document"]!["fields"]!["name"]!["stringValue"]!)];
    }
}
