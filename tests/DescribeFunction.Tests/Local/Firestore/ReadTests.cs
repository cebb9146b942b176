using System.Net;
using System.Text.Json.Nodes;
using static DescribeFunction.Tests.Local.Firestore.FirestoreServerFixture;

namespace DescribeFunction.Tests.Local.Firestore;

public sealed class ReadTests(FirestoreServerFixture firestore) : IClassFixture<FirestoreServerFixture>
{
    [Fact]
    public async Task Get_MissingDocument_IsNotFound()
    {
        var reply = await firestore.SendAsync(HttpMethod.Get, DocumentUrl(NewCollection(), "nope"));

        Assert.Equal(HttpStatusCode.NotFound, reply.Status);
        Assert.Equal("NOT_FOUND", reply.ErrorStatus);
        Assert.Equal(404, reply.ErrorCode);
    }

    [Fact]
    public async Task BatchGet_ReturnsFoundAndMissing_InRequestOrder_AsJsonArray()
    {
        var collection = NewCollection();
        await firestore.CommitAsync(Update(Name(collection, "here"), new JsonObject { ["a"] = StringValue("x") }));
        var body = new JsonObject { ["documents"] = new JsonArray(Name(collection, "gone"), Name(collection, "here")) };

        var reply = await firestore.SendAsync(HttpMethod.Post, DatabaseUrl() + "/documents:batchGet", body);

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        var items = reply.Body!.AsArray();
        Assert.Equal(2, items.Count);
        Assert.Equal(Name(collection, "gone"), items[0]!["missing"]!.GetValue<string>());
        Assert.NotNull(items[0]!["readTime"]);
        Assert.Equal(Name(collection, "here"), items[1]!["found"]!["name"]!.GetValue<string>());
        Assert.Equal("x", items[1]!["found"]!["fields"]!["a"]!["stringValue"]!.GetValue<string>());
        Assert.NotNull(items[1]!["readTime"]);
    }

    [Fact]
    public async Task List_PagesThroughTheCollection_InIdOrder_OnlyDirectChildren()
    {
        var collection = NewCollection();
        foreach (var id in new[] { "c", "a", "d", "b", "e" })
        {
            await firestore.CommitAsync(Update(Name(collection, id), new JsonObject { ["id"] = StringValue(id) }));
        }

        await firestore.CommitAsync(Update($"{Name(collection, "a")}/sub/x", new JsonObject()));
        var url = $"{DatabaseUrl()}/documents/{collection}?pageSize=2";

        var ids = new List<string>();
        var pages = 0;
        string? token = null;
        do
        {
            var reply = await firestore.SendAsync(HttpMethod.Get, token is null ? url : $"{url}&pageToken={Uri.EscapeDataString(token)}");
            Assert.Equal(HttpStatusCode.OK, reply.Status);
            ids.AddRange(reply.Body!["documents"]!.AsArray().Select(d => d!["name"]!.GetValue<string>().Split('/')[^1]));
            token = reply.Body["nextPageToken"]?.GetValue<string>();
            pages++;
        }
        while (token is not null);

        Assert.Equal(["a", "b", "c", "d", "e"], ids);
        Assert.Equal(3, pages);
    }

    [Fact]
    public async Task List_EmptyCollection_ReturnsEmptyObject_AndSubcollectionIsListable()
    {
        var collection = NewCollection();
        await firestore.CommitAsync(Update($"{Name(collection, "a")}/sub/x", new JsonObject()));

        var empty = await firestore.SendAsync(HttpMethod.Get, $"{DatabaseUrl()}/documents/{collection}");
        var sub = await firestore.SendAsync(HttpMethod.Get, $"{DatabaseUrl()}/documents/{collection}/a/sub");

        Assert.Equal(HttpStatusCode.OK, empty.Status);
        Assert.Empty(empty.Body!.AsObject());
        Assert.Single(sub.Body!["documents"]!.AsArray());
    }

    [Fact]
    public async Task Get_WithReadMask_ReturnsOnlyThosePaths()
    {
        var collection = NewCollection();
        await firestore.CommitAsync(Update(Name(collection, "doc"), new JsonObject
        {
            ["status"] = StringValue("done"),
            ["description"] = StringValue("long text"),
            ["usage"] = new JsonObject { ["mapValue"] = new JsonObject { ["fields"] = new JsonObject { ["inputTokens"] = IntegerValue(3), ["outputTokens"] = IntegerValue(4) } } },
        }));

        var reply = await firestore.SendAsync(HttpMethod.Get, DocumentUrl(collection, "doc") + "?mask.fieldPaths=status&mask.fieldPaths=usage.inputTokens");

        var fields = reply.Body!["fields"]!.AsObject();
        Assert.Equal(["status", "usage"], fields.Select(f => f.Key));
        Assert.Equal(["inputTokens"], fields["usage"]!["mapValue"]!["fields"]!.AsObject().Select(f => f.Key));
    }

    [Fact]
    public async Task CreateDocument_WithDocumentId_FailsWhenItExists_AndGeneratesIdsOtherwise()
    {
        var collection = NewCollection();
        var url = $"{DatabaseUrl()}/documents/{collection}";

        var created = await firestore.SendAsync(HttpMethod.Post, url + "?documentId=mine", new JsonObject());
        var duplicate = await firestore.SendAsync(HttpMethod.Post, url + "?documentId=mine", new JsonObject());
        var generated = await firestore.SendAsync(HttpMethod.Post, url, new JsonObject());

        Assert.Equal(Name(collection, "mine"), created.Body!["name"]!.GetValue<string>());
        Assert.Equal("ALREADY_EXISTS", duplicate.ErrorStatus);
        Assert.Matches("^[A-Za-z0-9]{20}$", generated.Body!["name"]!.GetValue<string>().Split('/')[^1]);
    }

    [Fact]
    public async Task EmulatorReset_ClearsOneDatabase_AndSnapshotSeesIt()
    {
        var collection = NewCollection();
        await firestore.SendAsync(HttpMethod.Post, CommitUrl("reset-me", "(default)"), new JsonObject
        {
            ["writes"] = new JsonArray(Update(Name(collection, "doc", "reset-me"), new JsonObject())),
        });
        Assert.Contains(firestore.Store.Snapshot(), s => s.Name == Name(collection, "doc", "reset-me"));

        var reply = await firestore.SendAsync(HttpMethod.Delete, "emulator/v1/projects/reset-me/databases/(default)/documents", null, null);

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.DoesNotContain(firestore.Store.Snapshot(), s => s.Name.StartsWith("projects/reset-me/", StringComparison.Ordinal));
    }
}
