using System.Text;
using System.Text.Json;
using DescribeFunction.Firestore;

namespace DescribeFunction.Tests.Firestore;

public class FirestoreValueTests
{
    private static readonly DateTimeOffset Moment = new DateTimeOffset(2024, 5, 6, 9, 8, 9, TimeSpan.FromHours(2)).AddTicks(1234567);

    [Fact]
    public void WriteFields_EncodesEveryTypeAsFirestoreRestDocumentsIt()
    {
        var fields = new DocumentFields()
            .Set("status", "done")
            .Set("generation", 1717171717171717171L)
            .Set("chunks", 3)
            .Set("ratio", 0.25)
            .Set("ok", true)
            .Set("error", null)
            .Set("createdAt", Moment)
            .Set("thumb", new byte[] { 1, 2, 255 })
            .Set("usage", new DocumentFields().Set("inputTokens", 12L).Set("outputTokens", 30L))
            .Set("tags", new object?[] { "a", 2, null })
            .Set("empty", new DocumentFields())
            .Set("none", Array.Empty<object?>());

        const string expected = """
            {"status":{"stringValue":"done"},"generation":{"integerValue":"1717171717171717171"},
            "chunks":{"integerValue":"3"},"ratio":{"doubleValue":0.25},"ok":{"booleanValue":true},
            "error":{"nullValue":null},"createdAt":{"timestampValue":"2024-05-06T07:08:09.123456Z"},
            "thumb":{"bytesValue":"AQL/"},
            "usage":{"mapValue":{"fields":{"inputTokens":{"integerValue":"12"},"outputTokens":{"integerValue":"30"}}}},
            "tags":{"arrayValue":{"values":[{"stringValue":"a"},{"integerValue":"2"},{"nullValue":null}]}},
            "empty":{"mapValue":{}},"none":{"arrayValue":{}}}
            """;
        Assert.Equal(Json.Lines(expected), Encode(fields));
    }

    [Fact]
    public void RoundTrip_PreservesValuesAndTypes()
    {
        var fields = new DocumentFields()
            .Set("big", long.MaxValue)
            .Set("negative", -9007199254740993L)
            .Set("pi", Math.PI)
            .Set("nan", double.NaN)
            .Set("inf", double.NegativeInfinity)
            .Set("text", "line\n\"quoted\" é 日本")
            .Set("when", new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.Zero).AddTicks(1234560))
            .Set("nested", new DocumentFields().Set("deeper", new DocumentFields().Set("list", new object?[] { 1L, "x", new DocumentFields().Set("k", false) })))
            .Set("nothing", null);

        var read = Decode(Encode(fields));

        Assert.Equal(long.MaxValue, read.GetInt64("big"));
        Assert.Equal(-9007199254740993L, read.GetInt64("negative"));
        Assert.Equal(Math.PI, read.GetDouble("pi"));
        Assert.True(double.IsNaN(read.GetDouble("nan")!.Value));
        Assert.Equal(double.NegativeInfinity, read.GetDouble("inf"));
        Assert.Equal("line\n\"quoted\" é 日本", read.GetString("text"));
        Assert.Equal(fields.GetTimestamp("when"), read.GetTimestamp("when"));
        var list = read.GetMap("nested")!.GetMap("deeper")!.GetArray("list")!;
        Assert.Equal(1L, list[0]);
        Assert.Equal("x", list[1]);
        Assert.False(Assert.IsType<DocumentFields>(list[2]).GetBoolean("k"));
        Assert.True(read.ContainsKey("nothing"));
        Assert.Null(read["nothing"]);
        Assert.Equal(fields.Keys, read.Keys);
    }

    [Fact]
    public void Timestamp_IsWrittenInUtcWithMicrosecondsTruncated()
    {
        var json = Encode(new DocumentFields().Set("t", new DateTimeOffset(2024, 12, 31, 23, 59, 59, 999, TimeSpan.FromHours(-5)).AddTicks(9999)));
        Assert.Equal("""{"t":{"timestampValue":"2025-01-01T04:59:59.999999Z"}}""", json);
    }

    [Theory]
    [InlineData("2024-05-06T07:08:09.123456789Z", 1234567)]
    [InlineData("2024-05-06T07:08:09.123456Z", 1234560)]
    [InlineData("2024-05-06T07:08:09Z", 0)]
    [InlineData("2024-05-06T09:08:09.5+02:00", 5000000)]
    public void Timestamp_ReadsRfc3339UpToNanoseconds(string text, long fractionTicks)
    {
        var read = Decode($$$"""{"t":{"timestampValue":"{{{text}}}"}}""").GetTimestamp("t")!.Value;
        Assert.Equal(new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.Zero).AddTicks(fractionTicks), read);
        Assert.Equal(TimeSpan.Zero, read.Offset);
    }

    [Fact]
    public void Read_AcceptsIntegerAsJsonNumberAndUrlSafeBase64()
    {
        var read = Decode("""{"n":{"integerValue":42},"d":{"doubleValue":"Infinity"},"b":{"bytesValue":"AQL_"}}""");
        Assert.Equal(42L, read.GetInt64("n"));
        Assert.Equal(double.PositiveInfinity, read.GetDouble("d"));
        Assert.Equal(new byte[] { 1, 2, 255 }, read.GetBytes("b"));
    }

    [Fact]
    public void UnmodelledValueKinds_PassThroughUnchanged()
    {
        const string json = """
            {"ref":{"referenceValue":"projects/p/databases/(default)/documents/c/d"},
            "geo":{"geoPointValue":{"latitude":1.5,"longitude":-2}}}
            """;
        Assert.Equal(Json.Lines(json), Encode(Decode(Json.Lines(json))));
    }

    [Fact]
    public void Getters_AbsentIsNull_WrongTypeThrows_IntegerWidensToDouble()
    {
        var fields = new DocumentFields().Set("count", 7L).Set("name", "x");
        Assert.Null(fields.GetString("missing"));
        Assert.Null(fields.GetInt64("missing"));
        Assert.Equal(7.0, fields.GetDouble("count"));
        var error = Assert.Throws<InvalidOperationException>(() => fields.GetInt64("name"));
        Assert.Equal("Field 'name' is a string, not an integer.", error.Message);
    }

    [Fact]
    public void Set_RejectsWhatFirestoreCannotStore()
    {
        var fields = new DocumentFields();
        Assert.Throws<ArgumentException>(() => fields.Set("nested", new object?[] { new object?[] { 1 } }));
        Assert.Throws<ArgumentException>(() => fields.Set("money", 1.5m));
        Assert.Throws<ArgumentException>(() => fields.Set("local", new DateTime(2024, 1, 1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => fields.Set("huge", ulong.MaxValue));
        Assert.Empty(fields);
    }

    [Fact]
    public void Set_AcceptsDictionariesAsMaps()
    {
        var fields = new DocumentFields().Set("m", new Dictionary<string, object?> { ["a"] = 1, ["b"] = "two" });
        Assert.Equal("""{"m":{"mapValue":{"fields":{"a":{"integerValue":"1"},"b":{"stringValue":"two"}}}}}""", Encode(fields));
    }

    [Theory]
    [InlineData("status", "status")]
    [InlineData("_private2", "_private2")]
    [InlineData("a.b", "`a.b`")]
    [InlineData("1st", "`1st`")]
    [InlineData("with space", "`with space`")]
    [InlineData("tick`and\\slash", "`tick\\`and\\\\slash`")]
    public void FieldPath_QuotesNonSimpleNames(string name, string expected) => Assert.Equal(expected, FieldPath.Quote(name));

    [Fact]
    public void FieldPath_Join_MakesDottedPaths() => Assert.Equal("usage.`input tokens`", FieldPath.Join("usage", "input tokens"));

    internal static string Encode(DocumentFields fields)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            FirestoreValue.WriteFields(writer, fields);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static DocumentFields Decode(string json)
    {
        using var document = JsonDocument.Parse(json);
        return FirestoreValue.ReadFields(document.RootElement);
    }
}
