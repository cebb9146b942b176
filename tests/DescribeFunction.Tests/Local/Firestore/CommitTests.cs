using System.Net;
using System.Text.Json.Nodes;
using static DescribeFunction.Tests.Local.Firestore.FirestoreServerFixture;

namespace DescribeFunction.Tests.Local.Firestore;

public sealed class CommitTests(FirestoreServerFixture firestore) : IClassFixture<FirestoreServerFixture>
{
    [Fact]
    public async Task Commit_RequestTimeTransform_ResultIsStored_AndUpdateTimeIsCommitTime()
    {
        var collection = NewCollection();
        var write = Update(Name(collection, "doc"), new JsonObject { ["status"] = StringValue("processing") });
        write["updateTransforms"] = new JsonArray(
            new JsonObject { ["fieldPath"] = "createdAt", ["setToServerValue"] = "REQUEST_TIME" },
            new JsonObject { ["fieldPath"] = "updatedAt", ["setToServerValue"] = "REQUEST_TIME" });

        var reply = await firestore.CommitAsync(write);

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        var result = reply.Body!["writeResults"]![0]!;
        var updateTime = result["updateTime"]!.GetValue<string>();
        Assert.Equal(reply.Body["commitTime"]!.GetValue<string>(), updateTime);
        Assert.Equal(2, result["transformResults"]!.AsArray().Count);
        var requestTime = result["transformResults"]![0]!["timestampValue"]!.GetValue<string>();
        Assert.Equal(requestTime, result["transformResults"]![1]!["timestampValue"]!.GetValue<string>());
        var stored = (await firestore.SendAsync(HttpMethod.Get, DocumentUrl(collection, "doc"))).Body!;
        Assert.Equal(requestTime, stored["fields"]!["updatedAt"]!["timestampValue"]!.GetValue<string>());
        Assert.Equal(updateTime, stored["updateTime"]!.GetValue<string>());
    }

    [Fact]
    public async Task Commit_SecondWriteFailsPrecondition_FirstWriteIsNotApplied()
    {
        var collection = NewCollection();
        var second = Update(Name(collection, "b"), new JsonObject { ["v"] = IntegerValue(2) });
        second["currentDocument"] = new JsonObject { ["exists"] = true };

        var reply = await firestore.CommitAsync(Update(Name(collection, "a"), new JsonObject { ["v"] = IntegerValue(1) }), second);

        Assert.Equal(HttpStatusCode.NotFound, reply.Status);
        Assert.Null(firestore.Store.Find(Name(collection, "a")));
        Assert.Null(firestore.Store.Find(Name(collection, "b")));
    }

    [Fact]
    public async Task Commit_UpdateMask_WithNestedPaths_ChangesOnlyThosePaths()
    {
        var collection = NewCollection();
        var name = Name(collection, "doc");
        await firestore.CommitAsync(Update(name, new JsonObject
        {
            ["status"] = StringValue("streaming"),
            ["usage"] = new JsonObject { ["mapValue"] = new JsonObject { ["fields"] = new JsonObject { ["inputTokens"] = IntegerValue(1), ["outputTokens"] = IntegerValue(2) } } },
            ["error"] = StringValue("old"),
        }));
        var write = Update(name, new JsonObject
        {
            ["status"] = StringValue("done"),
            ["usage"] = new JsonObject { ["mapValue"] = new JsonObject { ["fields"] = new JsonObject { ["inputTokens"] = IntegerValue(10) } } },
            ["ignored"] = StringValue("not in mask"),
        });
        write["updateMask"] = new JsonObject { ["fieldPaths"] = new JsonArray("status", "usage.inputTokens", "error", "`odd-name`.x") };

        var reply = await firestore.CommitAsync(write);

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        var fields = firestore.Store.Find(name)!.Fields;
        Assert.Equal("done", fields["status"]!["stringValue"]!.GetValue<string>());
        var usage = fields["usage"]!["mapValue"]!["fields"]!;
        Assert.Equal("10", usage["inputTokens"]!["integerValue"]!.GetValue<string>());
        Assert.Equal("2", usage["outputTokens"]!["integerValue"]!.GetValue<string>());
        Assert.False(fields.ContainsKey("error"));
        Assert.False(fields.ContainsKey("ignored"));
        Assert.False(fields.ContainsKey("odd-name"));
    }

    [Fact]
    public async Task Commit_WithoutMask_ReplacesAllFields()
    {
        var name = Name(NewCollection(), "doc");
        await firestore.CommitAsync(Update(name, new JsonObject { ["a"] = StringValue("1"), ["b"] = StringValue("2") }));

        await firestore.CommitAsync(Update(name, new JsonObject { ["c"] = StringValue("3") }));

        var fields = firestore.Store.Find(name)!.Fields;
        Assert.Equal(["c"], fields.Select(f => f.Key));
    }

    [Fact]
    public async Task Commit_Delete_HasNoUpdateTime_AndRemovesTheDocument()
    {
        var name = Name(NewCollection(), "doc");
        await firestore.CommitAsync(Update(name, new JsonObject { ["a"] = StringValue("1") }));

        var reply = await firestore.CommitAsync(new JsonObject { ["delete"] = name });

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Null(reply.Body!["writeResults"]![0]!["updateTime"]);
        Assert.Null(firestore.Store.Find(name));
    }

    [Fact]
    public async Task Commit_ThatChangesNothing_KeepsPreviousUpdateTime_AndTimesIncrease()
    {
        var name = Name(NewCollection(), "doc");
        var first = await firestore.CommitAsync(Update(name, new JsonObject { ["a"] = StringValue("1") }));
        var same = await firestore.CommitAsync(Update(name, new JsonObject { ["a"] = StringValue("1") }));
        var changed = await firestore.CommitAsync(Update(name, new JsonObject { ["a"] = StringValue("2") }));

        var firstTime = first.Body!["writeResults"]![0]!["updateTime"]!.GetValue<string>();
        Assert.Equal(firstTime, same.Body!["writeResults"]![0]!["updateTime"]!.GetValue<string>());
        Assert.True(string.CompareOrdinal(same.Body["commitTime"]!.GetValue<string>(), firstTime) > 0);
        var snapshot = firestore.Store.Find(name)!;
        Assert.True(snapshot.UpdateTime > snapshot.CreateTime);
        Assert.Equal(changed.Body!["commitTime"]!.GetValue<string>(), changed.Body["writeResults"]![0]!["updateTime"]!.GetValue<string>());
    }

    [Fact]
    public async Task Commit_WithUnknownTransaction_IsInvalidArgument()
    {
        var reply = await firestore.SendAsync(HttpMethod.Post, CommitUrl(), new JsonObject { ["writes"] = new JsonArray(), ["transaction"] = "abc" });

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Equal("INVALID_ARGUMENT", reply.ErrorStatus);
    }

    [Fact]
    public async Task Commit_ToAnotherDatabase_KeepsDocumentsApart()
    {
        var collection = NewCollection();
        var otherName = Name(collection, "doc", "other-project", "db2");
        var body = new JsonObject { ["writes"] = new JsonArray(Update(otherName, new JsonObject { ["a"] = StringValue("x") })) };

        var reply = await firestore.SendAsync(HttpMethod.Post, CommitUrl("other-project", "db2"), body);
        var inDefault = await firestore.SendAsync(HttpMethod.Get, DocumentUrl(collection, "doc"));
        var wrongDatabase = await firestore.SendAsync(HttpMethod.Post, CommitUrl(), body);

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.NotNull(firestore.Store.Find(otherName));
        Assert.Equal(HttpStatusCode.NotFound, inDefault.Status);
        Assert.Equal("INVALID_ARGUMENT", wrongDatabase.ErrorStatus);
    }

    [Fact]
    public async Task ConcurrentCreates_OfOneDocument_ExactlyOneSucceeds()
    {
        var name = Name(NewCollection(), "claim");
        var attempts = Enumerable.Range(0, 16).Select(i =>
        {
            var write = Update(name, new JsonObject { ["attempt"] = IntegerValue(i) });
            write["currentDocument"] = new JsonObject { ["exists"] = false };
            return firestore.CommitAsync(write);
        });

        var replies = await Task.WhenAll(attempts);

        Assert.Single(replies, r => r.Status == HttpStatusCode.OK);
        Assert.Equal(15, replies.Count(r => r.ErrorStatus == "ALREADY_EXISTS"));
    }

    [Fact]
    public async Task Snapshot_PrintsTheDocumentAsRestJson()
    {
        var name = Name(NewCollection(), "猫.jpg");
        await firestore.CommitAsync(Update(name, new JsonObject { ["status"] = StringValue("done") }));

        var json = firestore.Store.Find(name)!.ToJsonString();

        Assert.Contains($"\"name\": \"{name}\"", json, StringComparison.Ordinal);
        Assert.Contains("\"stringValue\": \"done\"", json, StringComparison.Ordinal);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(json), (await firestore.SendAsync(HttpMethod.Get, DocumentUrl(name.Split('/')[^2], "猫.jpg"))).Body));
    }
}
