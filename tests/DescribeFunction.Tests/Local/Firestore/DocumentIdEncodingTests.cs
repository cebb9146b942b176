using System.Net;
using System.Text.Json.Nodes;
using static DescribeFunction.Tests.Local.Firestore.FirestoreServerFixture;

namespace DescribeFunction.Tests.Local.Firestore;

/// <summary>Ids reach the server percent-encoded once in URLs and plain in bodies; both must name the same document.</summary>
public sealed class DocumentIdEncodingTests(FirestoreServerFixture firestore) : IClassFixture<FirestoreServerFixture>
{
    [Theory]
    [InlineData("photos%2Fcat.jpg")]
    [InlineData("100% sure")]
    [InlineData("a#b?c=d&e")]
    [InlineData("spaces and + plus")]
    [InlineData("ünïcødé 猫 🐈")]
    [InlineData("%2E")]
    [InlineData("%5F_x__")]
    [InlineData("colon:in:id")]
    public async Task IdWithOddCharacters_RoundTripsBetweenUrlAndBody(string id)
    {
        var collection = NewCollection();

        var patched = await firestore.SendAsync(HttpMethod.Patch, DocumentUrl(collection, id), new JsonObject { ["fields"] = new JsonObject { ["id"] = StringValue(id) } });
        var batch = await firestore.SendAsync(HttpMethod.Post, DatabaseUrl() + "/documents:batchGet", new JsonObject { ["documents"] = new JsonArray(Name(collection, id)) });
        var listed = await firestore.SendAsync(HttpMethod.Get, $"{DatabaseUrl()}/documents/{collection}");

        Assert.Equal(HttpStatusCode.OK, patched.Status);
        Assert.Equal(Name(collection, id), patched.Body!["name"]!.GetValue<string>());
        Assert.Equal(id, batch.Body![0]!["found"]!["fields"]!["id"]!["stringValue"]!.GetValue<string>());
        Assert.Equal(Name(collection, id), listed.Body!["documents"]![0]!["name"]!.GetValue<string>());
        Assert.Equal(id, firestore.Store.Snapshot().Single(s => s.Name.Contains(collection, StringComparison.Ordinal)).Id);
    }

    [Fact]
    public async Task DoubleEncodedSlash_IsTheLiteralPercentTwoF_NotASeparator()
    {
        var collection = NewCollection();

        var reply = await firestore.SendAsync(HttpMethod.Patch, $"{DatabaseUrl()}/documents/{collection}/photos%252Fcat.jpg", new JsonObject());

        Assert.Equal(Name(collection, "photos%2Fcat.jpg"), reply.Body!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task CommitWithPlainName_IsReadableThroughEncodedUrl()
    {
        var collection = NewCollection();
        const string id = "dir%2Fsub dir%2Fimg #1.png";
        await firestore.CommitAsync(Update(Name(collection, id), new JsonObject { ["a"] = StringValue("x") }));

        var reply = await firestore.SendAsync(HttpMethod.Get, DocumentUrl(collection, id));

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal("x", reply.Body!["fields"]!["a"]!["stringValue"]!.GetValue<string>());
    }

    [Fact]
    public async Task UnencodedDefaultDatabase_AndEncodedOne_AreTheSame()
    {
        var collection = NewCollection();
        await firestore.CommitAsync(Update(Name(collection, "doc"), new JsonObject()));

        var reply = await firestore.SendAsync(HttpMethod.Get, $"v1/projects/{Project}/databases/(default)/documents/{collection}/doc");

        Assert.Equal(HttpStatusCode.OK, reply.Status);
    }
}
