using System.Net;
using System.Text.Json.Nodes;
using static DescribeFunction.Tests.Local.Firestore.FirestoreServerFixture;

namespace DescribeFunction.Tests.Local.Firestore;

public sealed class PreconditionTests(FirestoreServerFixture firestore) : IClassFixture<FirestoreServerFixture>
{
    private static JsonObject Body(string value) => new() { ["fields"] = new JsonObject { ["v"] = StringValue(value) } };

    [Fact]
    public async Task Patch_ExistsFalse_CreatesMissingDocument_ThenAlreadyExists()
    {
        var url = DocumentUrl(NewCollection(), "doc") + "?currentDocument.exists=false";

        var created = await firestore.SendAsync(HttpMethod.Patch, url, Body("first"));
        var again = await firestore.SendAsync(HttpMethod.Patch, url, Body("second"));

        Assert.Equal(HttpStatusCode.OK, created.Status);
        Assert.Equal(HttpStatusCode.Conflict, again.Status);
        Assert.Equal("ALREADY_EXISTS", again.ErrorStatus);
        Assert.Equal(409, again.ErrorCode);
        var stored = await firestore.SendAsync(HttpMethod.Get, DocumentUrl(url.Split('/')[^2], "doc"));
        Assert.Equal("first", stored.Body!["fields"]!["v"]!["stringValue"]!.GetValue<string>());
    }

    [Fact]
    public async Task Patch_ExistsTrue_OnMissingDocument_IsNotFound()
    {
        var reply = await firestore.SendAsync(HttpMethod.Patch, DocumentUrl(NewCollection(), "doc") + "?currentDocument.exists=true", Body("x"));

        Assert.Equal(HttpStatusCode.NotFound, reply.Status);
        Assert.Equal("NOT_FOUND", reply.ErrorStatus);
    }

    [Fact]
    public async Task Patch_ExistsTrue_OnExistingDocument_Updates()
    {
        var url = DocumentUrl(NewCollection(), "doc");
        await firestore.SendAsync(HttpMethod.Patch, url, Body("old"));

        var reply = await firestore.SendAsync(HttpMethod.Patch, url + "?currentDocument.exists=true", Body("new"));

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal("new", reply.Body!["fields"]!["v"]!["stringValue"]!.GetValue<string>());
    }

    [Fact]
    public async Task Patch_UpdateTimeMatching_Succeeds_AndStaleUpdateTime_IsFailedPrecondition()
    {
        var url = DocumentUrl(NewCollection(), "doc");
        var first = await firestore.SendAsync(HttpMethod.Patch, url, Body("v1"));
        var firstUpdate = first.Body!["updateTime"]!.GetValue<string>();

        var second = await firestore.SendAsync(HttpMethod.Patch, $"{url}?currentDocument.updateTime={Uri.EscapeDataString(firstUpdate)}", Body("v2"));
        var stale = await firestore.SendAsync(HttpMethod.Patch, $"{url}?currentDocument.updateTime={Uri.EscapeDataString(firstUpdate)}", Body("v3"));

        Assert.Equal(HttpStatusCode.OK, second.Status);
        Assert.NotEqual(firstUpdate, second.Body!["updateTime"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.BadRequest, stale.Status);
        Assert.Equal("FAILED_PRECONDITION", stale.ErrorStatus);
        Assert.Equal("v2", firestore.Store.Find(Name(url.Split('/')[^2], "doc"))!.Fields["v"]!["stringValue"]!.GetValue<string>());
    }

    [Fact]
    public async Task Commit_UpdateTimePrecondition_OnMissingDocument_IsFailedPrecondition()
    {
        var write = Update(Name(NewCollection(), "doc"), new JsonObject { ["v"] = StringValue("x") });
        write["currentDocument"] = new JsonObject { ["updateTime"] = "2026-01-01T00:00:00.000001Z" };

        var reply = await firestore.CommitAsync(write);

        Assert.Equal("FAILED_PRECONDITION", reply.ErrorStatus);
    }

    [Fact]
    public async Task Commit_UpdateTimePrecondition_NotMicrosecondAligned_IsInvalidArgument()
    {
        var write = Update(Name(NewCollection(), "doc"), new JsonObject { ["v"] = StringValue("x") });
        write["currentDocument"] = new JsonObject { ["updateTime"] = "2026-01-01T00:00:00.000000001Z" };

        var reply = await firestore.CommitAsync(write);

        Assert.Equal("INVALID_ARGUMENT", reply.ErrorStatus);
    }

    [Fact]
    public async Task Delete_WithPreconditions_FollowsTheSameRules()
    {
        var collection = NewCollection();
        var url = DocumentUrl(collection, "doc");

        var missing = await firestore.SendAsync(HttpMethod.Delete, url + "?currentDocument.exists=true");
        var unconditional = await firestore.SendAsync(HttpMethod.Delete, url);
        var created = await firestore.SendAsync(HttpMethod.Patch, url, Body("x"));
        var stale = await firestore.SendAsync(HttpMethod.Delete, url + "?currentDocument.updateTime=2020-01-01T00:00:00Z");
        var matching = await firestore.SendAsync(
            HttpMethod.Delete, url + "?currentDocument.updateTime=" + Uri.EscapeDataString(created.Body!["updateTime"]!.GetValue<string>()));

        Assert.Equal("NOT_FOUND", missing.ErrorStatus);
        Assert.Equal(HttpStatusCode.OK, unconditional.Status);
        Assert.Equal("FAILED_PRECONDITION", stale.ErrorStatus);
        Assert.Equal(HttpStatusCode.OK, matching.Status);
        Assert.Null(firestore.Store.Find(Name(collection, "doc")));
    }

    [Fact]
    public async Task Precondition_WithBothExistsAndUpdateTime_IsInvalidArgument()
    {
        var reply = await firestore.SendAsync(
            HttpMethod.Patch, DocumentUrl(NewCollection(), "doc") + "?currentDocument.exists=true&currentDocument.updateTime=2020-01-01T00:00:00Z", Body("x"));

        Assert.Equal("INVALID_ARGUMENT", reply.ErrorStatus);
    }
}
