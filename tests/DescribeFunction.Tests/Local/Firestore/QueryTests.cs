using System.Net;
using System.Text.Json.Nodes;
using static DescribeFunction.Tests.Local.Firestore.FirestoreServerFixture;

namespace DescribeFunction.Tests.Local.Firestore;

/// <summary>The stand-in's queries on their own (the differential suite compares them with the official emulator).</summary>
public sealed class QueryTests(FirestoreServerFixture firestore) : IClassFixture<FirestoreServerFixture>
{
    [Fact]
    public async Task RunQuery_OrderBy_FollowsValueTypeOrder_ThenName()
    {
        var collection = NewCollection();
        await firestore.CommitAsync(
            Update(Name(collection, "text"), new JsonObject { ["v"] = StringValue("a") }),
            Update(Name(collection, "two"), new JsonObject { ["v"] = IntegerValue(2) }),
            Update(Name(collection, "half"), new JsonObject { ["v"] = new JsonObject { ["doubleValue"] = 1.5 } }),
            Update(Name(collection, "nan"), new JsonObject { ["v"] = new JsonObject { ["doubleValue"] = "NaN" } }),
            Update(Name(collection, "null"), new JsonObject { ["v"] = new JsonObject { ["nullValue"] = null } }),
            Update(Name(collection, "yes"), new JsonObject { ["v"] = new JsonObject { ["booleanValue"] = true } }),
            Update(Name(collection, "none"), []));

        var reply = await RunQueryAsync(new JsonObject
        {
            ["from"] = new JsonArray(new JsonObject { ["collectionId"] = collection }),
            ["orderBy"] = new JsonArray(new JsonObject { ["field"] = new JsonObject { ["fieldPath"] = "v" } }),
        });

        Assert.Equal(["null", "yes", "nan", "half", "two", "text"], Ids(reply));
        Assert.True(reply.Body!.AsArray()[^1]!["done"]!.GetValue<bool>());
    }

    [Fact]
    public async Task RunQuery_CollectionGroup_FindsNestedCollections_AndFiltersCombine()
    {
        var group = NewCollection();
        await firestore.CommitAsync(
            Update(Name(group, "a"), new JsonObject { ["tag"] = StringValue("boat"), ["n"] = IntegerValue(1) }),
            Update(Name("trips", $"t1/{group}/b"), new JsonObject { ["tag"] = StringValue("boat"), ["n"] = IntegerValue(5) }),
            Update(Name("trips", $"t2/{group}/c"), new JsonObject { ["tag"] = StringValue("car"), ["n"] = IntegerValue(9) }));
        var where = JsonNode.Parse("""
            {"compositeFilter":{"op":"OR","filters":[
              {"fieldFilter":{"field":{"fieldPath":"tag"},"op":"EQUAL","value":{"stringValue":"car"}}},
              {"fieldFilter":{"field":{"fieldPath":"n"},"op":"GREATER_THAN","value":{"integerValue":"3"}}}]}}
            """);

        var reply = await RunQueryAsync(new JsonObject
        {
            ["from"] = new JsonArray(new JsonObject { ["collectionId"] = group, ["allDescendants"] = true }),
            ["where"] = where,
        });

        Assert.Equal(["b", "c"], Ids(reply));
    }

    [Fact]
    public async Task RunQuery_FindNearest_AfterVectorsAreRewritten_RanksByTheNewOnes()
    {
        var collection = NewCollection();
        await firestore.CommitAsync(
            Update(Name(collection, "a"), new JsonObject { ["e"] = Vector(1, 0) }),
            Update(Name(collection, "b"), new JsonObject { ["e"] = Vector(0, 1) }));
        var nearest = new JsonObject
        {
            ["from"] = new JsonArray(new JsonObject { ["collectionId"] = collection }),
            ["findNearest"] = new JsonObject
            {
                ["vectorField"] = new JsonObject { ["fieldPath"] = "e" },
                ["queryVector"] = Vector(1, 0),
                ["distanceMeasure"] = "EUCLIDEAN",
                ["limit"] = 1,
            },
        };
        var before = await RunQueryAsync((JsonObject)nearest.DeepClone());

        // The stand-in keeps each stored vector's parsed numbers; a rewrite must not find the old ones.
        await firestore.CommitAsync(
            Update(Name(collection, "a"), new JsonObject { ["e"] = Vector(0, 1), ["tag"] = StringValue("moved") }),
            Update(Name(collection, "b"), new JsonObject { ["e"] = Vector(1, 0) }));
        var after = await RunQueryAsync(nearest);

        Assert.Equal(["a"], Ids(before));
        Assert.Equal(["b"], Ids(after));
    }

    private static JsonObject Vector(params double[] values) => new()
    {
        ["mapValue"] = new JsonObject
        {
            ["fields"] = new JsonObject
            {
                ["__type__"] = StringValue("__vector__"),
                ["value"] = new JsonObject { ["arrayValue"] = new JsonObject { ["values"] = new JsonArray([.. values.Select(v => (JsonNode)new JsonObject { ["doubleValue"] = v })]) } },
            },
        },
    };

    [Fact]
    public async Task RunQuery_OffsetAndLimit_ReportSkippedResults()
    {
        var collection = NewCollection();
        await firestore.CommitAsync([.. Enumerable.Range(0, 5).Select(i => Update(Name(collection, $"d{i}"), new JsonObject { ["n"] = IntegerValue(i) }))]);

        var reply = await RunQueryAsync(new JsonObject { ["from"] = new JsonArray(new JsonObject { ["collectionId"] = collection }), ["offset"] = 2, ["limit"] = 2 });

        Assert.Equal(["d2", "d3"], Ids(reply));
        Assert.Equal(2, reply.Body!.AsArray()[0]!["skippedResults"]!.GetValue<int>());
    }

    [Fact]
    public async Task RunAggregationQuery_CountSumAvg()
    {
        var collection = NewCollection();
        await firestore.CommitAsync(
            Update(Name(collection, "a"), new JsonObject { ["n"] = IntegerValue(1) }),
            Update(Name(collection, "b"), new JsonObject { ["n"] = IntegerValue(2) }),
            Update(Name(collection, "c"), new JsonObject { ["n"] = StringValue("not a number") }));
        var body = JsonNode.Parse("""
            {"structuredAggregationQuery":{"structuredQuery":{"from":[{"collectionId":"COLLECTION"}]},
             "aggregations":[{"alias":"c","count":{}},{"alias":"s","sum":{"field":{"fieldPath":"n"}}},{"alias":"a","avg":{"field":{"fieldPath":"n"}}}]}}
            """.Replace("COLLECTION", collection, StringComparison.Ordinal));

        var reply = await firestore.SendAsync(HttpMethod.Post, DatabaseUrl() + "/documents:runAggregationQuery", body);

        var fields = reply.Body![0]!["result"]!["aggregateFields"]!;
        Assert.Equal("""{"c":{"integerValue":"3"},"s":{"integerValue":"3"},"a":{"doubleValue":1.5}}""", fields.ToJsonString());
    }

    [Fact]
    public async Task Transaction_WriteToADocumentItRead_FromOutside_IsAborted()
    {
        var name = Name(NewCollection(), "doc");
        await firestore.CommitAsync(Update(name, new JsonObject { ["v"] = IntegerValue(1) }));
        var transaction = (await firestore.SendAsync(HttpMethod.Post, DatabaseUrl() + "/documents:beginTransaction", new JsonObject())).Body!["transaction"]!.GetValue<string>();
        await firestore.SendAsync(HttpMethod.Post, DatabaseUrl() + "/documents:batchGet", new JsonObject { ["documents"] = new JsonArray(name), ["transaction"] = transaction });

        var outside = await firestore.CommitAsync(Update(name, new JsonObject { ["v"] = IntegerValue(5) }));
        var inside = await firestore.SendAsync(HttpMethod.Post, CommitUrl(), new JsonObject
        {
            ["transaction"] = transaction,
            ["writes"] = new JsonArray(Update(name, new JsonObject { ["v"] = IntegerValue(2) })),
        });

        Assert.Equal(HttpStatusCode.Conflict, outside.Status);
        Assert.Equal("ABORTED", outside.ErrorStatus);
        Assert.Equal(HttpStatusCode.OK, inside.Status);
        Assert.Equal("2", firestore.Store.Find(name)!.Fields["v"]!["integerValue"]!.GetValue<string>());
    }

    private Task<Reply> RunQueryAsync(JsonObject structuredQuery) =>
        firestore.SendAsync(HttpMethod.Post, DatabaseUrl() + "/documents:runQuery", new JsonObject { ["structuredQuery"] = structuredQuery });

    private static List<string> Ids(Reply reply) =>
        [.. reply.Body!.AsArray().Where(r => r!["document"] is not null).Select(r => r!["document"]!["name"]!.GetValue<string>().Split('/')[^1])];
}
