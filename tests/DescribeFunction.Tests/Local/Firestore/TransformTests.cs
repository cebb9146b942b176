using System.Net;
using System.Text.Json.Nodes;
using static DescribeFunction.Tests.Local.Firestore.FirestoreServerFixture;

namespace DescribeFunction.Tests.Local.Firestore;

public sealed class TransformTests(FirestoreServerFixture firestore) : IClassFixture<FirestoreServerFixture>
{
    [Fact]
    public async Task TransformOnlyWrite_OnMissingDocument_SetsEachFieldToItsOperand()
    {
        var name = Name(NewCollection(), "counter");

        var reply = await firestore.CommitAsync(Transform(
            name,
            Field("n", "increment", IntegerValue(3)),
            Field("max", "maximum", new JsonObject { ["doubleValue"] = 2.5 }),
            Field("min", "minimum", IntegerValue(-1)),
            Field("tags", "appendMissingElements", Values(StringValue("a"), StringValue("a"), StringValue("b"))),
            Field("gone", "removeAllFromArray", Values(StringValue("a")))));

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        var results = reply.Body!["writeResults"]![0]!["transformResults"]!.AsArray();
        Assert.Equal(["""{"integerValue":"3"}""", """{"doubleValue":2.5}""", """{"integerValue":"-1"}""", """{"nullValue":null}""", """{"nullValue":null}"""],
            results.Select(r => r!.ToJsonString()));
        var fields = firestore.Store.Find(name)!.Fields;
        Assert.Equal("""{"arrayValue":{"values":[{"stringValue":"a"},{"stringValue":"b"}]}}""", fields["tags"]!.ToJsonString());
        Assert.Equal("""{"arrayValue":{}}""", fields["gone"]!.ToJsonString());
    }

    [Fact]
    public async Task Increment_IntegerOverflow_Saturates_AndMixedTypesAddAsDoubles()
    {
        var name = Name(NewCollection(), "d");
        await firestore.CommitAsync(Update(name, new JsonObject
        {
            ["big"] = IntegerValue(long.MaxValue - 5),
            ["small"] = IntegerValue(long.MinValue + 5),
            ["mixed"] = IntegerValue(3),
            ["text"] = StringValue("not a number"),
        }));

        var reply = await firestore.CommitAsync(Transform(
            name,
            Field("big", "increment", IntegerValue(100)),
            Field("small", "increment", IntegerValue(-100)),
            Field("mixed", "increment", new JsonObject { ["doubleValue"] = 0.5 }),
            Field("text", "increment", IntegerValue(7))));

        var results = reply.Body!["writeResults"]![0]!["transformResults"]!.AsArray().Select(r => r!.ToJsonString());
        Assert.Equal(["""{"integerValue":"9223372036854775807"}""", """{"integerValue":"-9223372036854775808"}""", """{"doubleValue":3.5}""", """{"integerValue":"7"}"""], results);
    }

    [Fact]
    public async Task MaximumAndMinimum_EquivalentOperands_KeepTheStoredValue_AndNaNWins()
    {
        var name = Name(NewCollection(), "d");
        await firestore.CommitAsync(Update(name, new JsonObject { ["a"] = IntegerValue(3), ["b"] = IntegerValue(3), ["c"] = IntegerValue(1) }));

        var reply = await firestore.CommitAsync(Transform(
            name,
            Field("a", "maximum", new JsonObject { ["doubleValue"] = 3.0 }),
            Field("b", "minimum", new JsonObject { ["doubleValue"] = 2.5 }),
            Field("c", "maximum", new JsonObject { ["doubleValue"] = "NaN" })));

        var results = reply.Body!["writeResults"]![0]!["transformResults"]!.AsArray().Select(r => r!.ToJsonString());
        Assert.Equal(["""{"integerValue":"3"}""", """{"doubleValue":2.5}""", """{"doubleValue":"NaN"}"""], results);
    }

    [Fact]
    public async Task UpdateTransforms_ApplyAfterTheUpdate_AndRemoveAllUsesNumericEquality()
    {
        var name = Name(NewCollection(), "d");
        var write = Update(name, new JsonObject
        {
            ["count"] = IntegerValue(10),
            ["list"] = Array(IntegerValue(1), new JsonObject { ["doubleValue"] = 1.0 }, IntegerValue(2)),
        });
        write["updateTransforms"] = new JsonArray(Field("count", "increment", IntegerValue(1)), Field("list", "removeAllFromArray", Values(IntegerValue(1))));

        var reply = await firestore.CommitAsync(write);

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        var fields = firestore.Store.Find(name)!.Fields;
        Assert.Equal("11", fields["count"]!["integerValue"]!.GetValue<string>());
        Assert.Equal("""{"arrayValue":{"values":[{"integerValue":"2"}]}}""", fields["list"]!.ToJsonString());
    }

    [Theory]
    [InlineData("?$alt=json;enum-encoding=int")]
    [InlineData("?$alt=json%3Benum-encoding=int")]
    [InlineData("")]
    public async Task SetToServerValue_AsEnumNumber_IsRequestTime(string queryString)
    {
        var name = Name(NewCollection(), "d");
        var write = Update(name, new JsonObject { ["a"] = StringValue("x") });
        write["updateTransforms"] = new JsonArray(new JsonObject { ["fieldPath"] = "at", ["setToServerValue"] = 1 });

        var reply = await firestore.SendAsync(HttpMethod.Post, CommitUrl() + queryString, new JsonObject { ["writes"] = new JsonArray(write) });

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.NotNull(firestore.Store.Find(name)!.Fields["at"]!["timestampValue"]);
    }

    [Fact]
    public async Task RequestTime_HasMillisecondPrecision_AndIsNotAfterTheCommit()
    {
        var name = Name(NewCollection(), "d");
        var write = Update(name, []);
        write["updateTransforms"] = new JsonArray(new JsonObject { ["fieldPath"] = "at", ["setToServerValue"] = "REQUEST_TIME" });

        var reply = await firestore.CommitAsync(write);

        var requestTime = DateTimeOffset.Parse(reply.Body!["writeResults"]![0]!["transformResults"]![0]!["timestampValue"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        var commitTime = DateTimeOffset.Parse(reply.Body["commitTime"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(0, requestTime.Ticks % TimeSpan.TicksPerMillisecond);
        Assert.True(requestTime <= commitTime);
    }

    [Theory]
    [InlineData("""{"fieldPath":"n","increment":{"stringValue":"1"}}""")]
    [InlineData("""{"fieldPath":"n"}""")]
    [InlineData("""{"fieldPath":"n","setToServerValue":"SERVER_VALUE_UNSPECIFIED"}""")]
    [InlineData("""{"fieldPath":"n","increment":{"integerValue":"1"},"maximum":{"integerValue":"1"}}""")]
    public async Task MalformedTransform_IsInvalidArgument(string transform)
    {
        var reply = await firestore.CommitAsync(Transform(Name(NewCollection(), "d"), JsonNode.Parse(transform)!.AsObject()));

        Assert.Equal(HttpStatusCode.BadRequest, reply.Status);
        Assert.Equal("INVALID_ARGUMENT", reply.ErrorStatus);
    }

    [Fact]
    public async Task Commit_MapsTwentyDeep_IsAccepted_AndTwentyOneIsRefused()
    {
        static JsonObject Nest(int depth) =>
            Enumerable.Range(0, depth).Aggregate(IntegerValue(1), (v, _) => new JsonObject { ["mapValue"] = new JsonObject { ["fields"] = new JsonObject { ["x"] = v } } });

        var accepted = await firestore.CommitAsync(Update(Name(NewCollection(), "deep"), new JsonObject { ["f"] = Nest(20) }));
        var refused = await firestore.CommitAsync(Update(Name(NewCollection(), "deep"), new JsonObject { ["f"] = Nest(21) }));

        Assert.Equal(HttpStatusCode.OK, accepted.Status);
        Assert.Equal("INVALID_ARGUMENT", refused.ErrorStatus);
    }

    [Fact]
    public async Task EmptyCommit_HasNoCommitTime()
    {
        var reply = await firestore.CommitAsync();

        Assert.Equal(HttpStatusCode.OK, reply.Status);
        Assert.Equal("{}", reply.Body!.ToJsonString());
    }

    private static JsonObject Transform(string name, params JsonObject[] transforms) =>
        new() { ["transform"] = new JsonObject { ["document"] = name, ["fieldTransforms"] = new JsonArray([.. transforms]) } };

    private static JsonObject Field(string path, string kind, JsonObject operand) => new() { ["fieldPath"] = path, [kind] = operand };

    private static JsonObject Values(params JsonObject[] values) => new() { ["values"] = new JsonArray([.. values]) };

    private static JsonObject Array(params JsonObject[] values) => new() { ["arrayValue"] = Values(values) };
}
