using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using DescribeFunction.Local.Firestore;
using DescribeFunction.Local.Hosting;
using static DescribeFunction.Tests.Local.Firestore.FirestoreServerFixture;

namespace DescribeFunction.Tests.Local.Firestore;

/// <summary>The stand-in given a folder keeps its documents there across restarts, as <c>serve</c> runs it.</summary>
public sealed class DocumentPersistenceTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "firestore-kept-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Restart_WithTheSameFolder_KeepsDocumentsTheirTimesAndDeletes()
    {
        string updateTime;
        await using (var server = await FirestoreStandIn.StartAsync(0, _folder))
        {
            using var http = Client(server);
            await CommitAsync(http, Update(Name("c", "kept"), new JsonObject { ["status"] = StringValue("done"), ["n"] = IntegerValue(7) }));
            await CommitAsync(http, Update(Name("c", "gone"), new JsonObject { ["status"] = StringValue("done") }));
            await CommitAsync(http, new JsonObject { ["delete"] = Name("c", "gone") });
            updateTime = (string)(await GetAsync(http, "kept")).Body!["updateTime"]!;
        }

        await using (var server = await FirestoreStandIn.StartAsync(0, _folder))
        {
            using var http = Client(server);
            var kept = await GetAsync(http, "kept");
            Assert.Equal(HttpStatusCode.OK, kept.Status);
            Assert.Equal("done", (string?)kept.Body!["fields"]!["status"]!["stringValue"]);
            Assert.Equal("7", (string?)kept.Body["fields"]!["n"]!["integerValue"]);
            Assert.Equal(updateTime, (string?)kept.Body["updateTime"]);
            Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(http, "gone")).Status);

            // A precondition on the kept update time still holds: the stored times are versions, not decoration.
            var guarded = Update(Name("c", "kept"), new JsonObject { ["status"] = StringValue("again") });
            guarded["currentDocument"] = new JsonObject { ["updateTime"] = updateTime };
            await CommitAsync(http, guarded);
            Assert.True(string.CompareOrdinal((string)(await GetAsync(http, "kept")).Body!["updateTime"]!, updateTime) > 0);
        }
    }

    [Fact]
    public async Task Restart_AfterATornLastLine_KeepsEveryAcknowledgedCommitAndGoesOn()
    {
        await using (var server = await FirestoreStandIn.StartAsync(0, _folder))
        {
            using var http = Client(server);
            await CommitAsync(http, Update(Name("c", "before"), new JsonObject { ["v"] = IntegerValue(1) }));
        }

        // What a process killed in the middle of an append leaves: a line without its end.
        await File.AppendAllTextAsync(Path.Combine(_folder, "documents.jsonl"), "{\"d\":\"projects/demo-project/databases/(default)\",\"w\":[{\"k\":\"c/torn\",\"f\":{");
        await using (var server = await FirestoreStandIn.StartAsync(0, _folder))
        {
            using var http = Client(server);
            Assert.Equal(HttpStatusCode.OK, (await GetAsync(http, "before")).Status);
            Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(http, "torn")).Status);
            await CommitAsync(http, Update(Name("c", "after"), new JsonObject { ["v"] = IntegerValue(2) }));
        }

        await using (var server = await FirestoreStandIn.StartAsync(0, _folder))
        {
            using var http = Client(server);
            Assert.Equal(HttpStatusCode.OK, (await GetAsync(http, "before")).Status);
            Assert.Equal(HttpStatusCode.OK, (await GetAsync(http, "after")).Status);
        }

        // Opening compacts: one line for the two documents, however many commits wrote them.
        Assert.Single(await File.ReadAllLinesAsync(Path.Combine(_folder, "documents.jsonl")));
    }

    [Fact]
    public async Task EmulatorReset_IsKeptAcrossARestart()
    {
        await using (var server = await FirestoreStandIn.StartAsync(0, _folder))
        {
            using var http = Client(server);
            await CommitAsync(http, Update(Name("c", "reset"), new JsonObject { ["v"] = IntegerValue(1) }));
            using var reset = await http.DeleteAsync(new Uri($"emulator/v1/projects/{Project}/databases/{Database}/documents", UriKind.Relative));
            Assert.True(reset.IsSuccessStatusCode, $"the reset answered {(int)reset.StatusCode}");
        }

        await using (var server = await FirestoreStandIn.StartAsync(0, _folder))
        {
            using var http = Client(server);
            Assert.Equal(HttpStatusCode.NotFound, (await GetAsync(http, "reset")).Status);
        }
    }

    [Fact]
    public async Task SecondStandIn_OnTheSameFolder_IsRefusedSayingWhy()
    {
        await using var first = await FirestoreStandIn.StartAsync(0, _folder);

        var error = await Assert.ThrowsAsync<DocumentsInUseException>(() => FirestoreStandIn.StartAsync(0, _folder));

        Assert.Contains(Path.GetFullPath(_folder), error.Message, StringComparison.Ordinal);
        Assert.Contains("in use by another serve or backfill", error.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }

    private static HttpClient Client(StandInServer server)
    {
        var http = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "owner");
        return http;
    }

    private static async Task CommitAsync(HttpClient http, JsonObject write)
    {
        var body = new JsonObject { ["writes"] = new JsonArray(write) };
        using var response = await http.PostAsync(new Uri(CommitUrl(), UriKind.Relative), new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));
        Assert.True(response.IsSuccessStatusCode, $"the commit answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    private static async Task<Reply> GetAsync(HttpClient http, string id)
    {
        using var response = await http.GetAsync(new Uri(DocumentUrl("c", id), UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();
        return new Reply(response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }
}
