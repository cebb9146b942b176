using System.Net;
using System.Text.Json.Nodes;
using static DescribeFunction.Tests.Local.Firestore.FirestoreServerFixture;

namespace DescribeFunction.Tests.Local.Firestore;

public sealed class ValueRoundTripTests(FirestoreServerFixture firestore) : IClassFixture<FirestoreServerFixture>
{
    [Fact]
    public async Task TypedValues_RoundTrip_AsFirestoreEncodesThem()
    {
        const string fields = """
            {
              "s": {"stringValue": "héllo"},
              "i": {"integerValue": "9223372036854775807"},
              "n": {"integerValue": -42},
              "d": {"doubleValue": 2.5},
              "nan": {"doubleValue": "NaN"},
              "t": {"booleanValue": true},
              "f": {"booleanValue": false},
              "z": {"nullValue": null},
              "ts": {"timestampValue": "2026-11-25T12:00:00.123456Z"},
              "tsOffset": {"timestampValue": "2026-11-25T13:00:00.5+01:00"},
              "b": {"bytesValue": "AAEC/w=="},
              "r": {"referenceValue": "projects/demo-project/databases/(default)/documents/x/y"},
              "g": {"geoPointValue": {"latitude": 51.5, "longitude": -0.12}},
              "m": {"mapValue": {"fields": {"inner": {"integerValue": "7"}, "deeper": {"mapValue": {"fields": {"k": {"stringValue": "v"}}}}}}},
              "a": {"arrayValue": {"values": [{"integerValue": "1"}, {"stringValue": "two"}, {"mapValue": {}}]}},
              "emptyArray": {"arrayValue": {}}
            }
            """;
        var url = DocumentUrl(NewCollection(), "doc");

        var written = await firestore.SendAsync(HttpMethod.Patch, url, new JsonObject { ["fields"] = JsonNode.Parse(fields) });
        var read = await firestore.SendAsync(HttpMethod.Get, url);

        Assert.Equal(HttpStatusCode.OK, written.Status);
        Assert.True(JsonNode.DeepEquals(written.Body, read.Body));
        var f = read.Body!["fields"]!;
        Assert.Equal("héllo", f["s"]!["stringValue"]!.GetValue<string>());
        Assert.Equal("9223372036854775807", f["i"]!["integerValue"]!.GetValue<string>());
        Assert.Equal("-42", f["n"]!["integerValue"]!.GetValue<string>());
        Assert.Equal(2.5, f["d"]!["doubleValue"]!.GetValue<double>());
        Assert.Equal("NaN", f["nan"]!["doubleValue"]!.GetValue<string>());
        Assert.True(f["t"]!["booleanValue"]!.GetValue<bool>());
        Assert.False(f["f"]!["booleanValue"]!.GetValue<bool>());
        Assert.True(f["z"]!.AsObject().ContainsKey("nullValue"));
        Assert.Null(f["z"]!["nullValue"]);
        Assert.Equal("2026-11-25T12:00:00.123456Z", f["ts"]!["timestampValue"]!.GetValue<string>());
        Assert.Equal("2026-11-25T12:00:00.500Z", f["tsOffset"]!["timestampValue"]!.GetValue<string>());
        Assert.Equal("AAEC/w==", f["b"]!["bytesValue"]!.GetValue<string>());
        Assert.Equal("projects/demo-project/databases/(default)/documents/x/y", f["r"]!["referenceValue"]!.GetValue<string>());
        Assert.Equal(-0.12, f["g"]!["geoPointValue"]!["longitude"]!.GetValue<double>());
        Assert.Equal("7", f["m"]!["mapValue"]!["fields"]!["inner"]!["integerValue"]!.GetValue<string>());
        Assert.Equal("v", f["m"]!["mapValue"]!["fields"]!["deeper"]!["mapValue"]!["fields"]!["k"]!["stringValue"]!.GetValue<string>());
        Assert.Equal(3, f["a"]!["arrayValue"]!["values"]!.AsArray().Count);
        Assert.Equal("two", f["a"]!["arrayValue"]!["values"]![1]!["stringValue"]!.GetValue<string>());
        Assert.Empty(f["emptyArray"]!["arrayValue"]!.AsObject());
    }

    [Fact]
    public async Task Document_TimesHaveMicrosecondPrecision_AndNameIsTheFullResourceName()
    {
        var collection = NewCollection();
        var reply = await firestore.SendAsync(HttpMethod.Patch, DocumentUrl(collection, "doc"), new JsonObject());

        Assert.Equal(Name(collection, "doc"), reply.Body!["name"]!.GetValue<string>());
        Assert.Null(reply.Body["fields"]);
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3}|\.\d{6})?Z$", reply.Body["createTime"]!.GetValue<string>());
        Assert.Equal(reply.Body["createTime"]!.GetValue<string>(), reply.Body["updateTime"]!.GetValue<string>());
    }

    [Fact]
    public async Task UrlSafeBase64_IsAccepted_AndReturnedAsStandardBase64()
    {
        var url = DocumentUrl(NewCollection(), "doc");

        var reply = await firestore.SendAsync(HttpMethod.Patch, url, new JsonObject
        {
            ["fields"] = new JsonObject { ["b"] = new JsonObject { ["bytesValue"] = "-_8" } },
        });

        Assert.Equal("+/8=", reply.Body!["fields"]!["b"]!["bytesValue"]!.GetValue<string>());
    }
}
