using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DescribeFunction.Local.Firestore;

/// <summary>
/// Firestore's total order over stored values ("Ordering of value types"): null, booleans, numbers (NaN first, then
/// integers and doubles compared by value), timestamps, strings (by UTF-8 bytes), bytes, references (by segment),
/// geo points, arrays, maps. Values of equal rank compare equal here: <c>1 == 1.0</c>, <c>0 == -0.0</c>, NaN == NaN,
/// which is also the equality the array transforms and <c>IN</c> use.
/// </summary>
internal static class ValueOrder
{
    public static readonly IComparer<JsonObject> Comparer = Comparer<JsonObject>.Create(Compare);

    public static bool AreEqual(JsonObject a, JsonObject b) => Compare(a, b) == 0;

    public static int Compare(JsonObject a, JsonObject b)
    {
        var (kindA, innerA) = a.First();
        var (kindB, innerB) = b.First();
        var rank = TypeRank(kindA).CompareTo(TypeRank(kindB));
        if (rank != 0)
        {
            return rank;
        }

        return kindA switch
        {
            "nullValue" => 0,
            "booleanValue" => innerA!.GetValue<bool>().CompareTo(innerB!.GetValue<bool>()),
            "integerValue" or "doubleValue" => CompareNumbers(a, b),
            "timestampValue" => Micros(innerA).CompareTo(Micros(innerB)),
            "stringValue" => CompareUtf8(innerA!.GetValue<string>(), innerB!.GetValue<string>()),
            "bytesValue" => Convert.FromBase64String(innerA!.GetValue<string>()).AsSpan().SequenceCompareTo(Convert.FromBase64String(innerB!.GetValue<string>())),
            "referenceValue" => CompareReferences(innerA!.GetValue<string>(), innerB!.GetValue<string>()),
            "geoPointValue" => CompareGeoPoints((JsonObject)innerA!, (JsonObject)innerB!),
            "arrayValue" => CompareArrays(Elements(a), Elements(b)),
            _ => CompareMaps(MapFields(a), MapFields(b)),
        };
    }

    /// <summary>The rank of a value type in the order; a query's type filter uses it to keep to one type.</summary>
    public static int TypeRank(string kind) => kind switch
    {
        "nullValue" => 0,
        "booleanValue" => 1,
        "integerValue" or "doubleValue" => 2,
        "timestampValue" => 3,
        "stringValue" => 4,
        "bytesValue" => 5,
        "referenceValue" => 6,
        "geoPointValue" => 7,
        "arrayValue" => 8,
        _ => 9,
    };

    public static bool IsNumber(JsonObject value) => value.ContainsKey("integerValue") || value.ContainsKey("doubleValue");

    public static bool IsNaN(JsonObject value) => value.ContainsKey("doubleValue") && double.IsNaN(Double(value));

    /// <summary>A stored integerValue (always a decimal string once normalized).</summary>
    public static long Integer(JsonObject value) => long.Parse(value["integerValue"]!.GetValue<string>(), CultureInfo.InvariantCulture);

    /// <summary>A stored doubleValue: a JSON number, or "NaN", "Infinity", "-Infinity".</summary>
    public static double Double(JsonObject value)
    {
        var inner = value["doubleValue"]!;
        return inner.GetValueKind() == JsonValueKind.String
            ? double.Parse(inner.GetValue<string>(), NumberStyles.Float, CultureInfo.InvariantCulture)
            : inner.GetValue<double>();
    }

    public static JsonArray Elements(JsonObject array) => array["arrayValue"]?["values"] as JsonArray ?? [];

    private static JsonObject MapFields(JsonObject map) => map["mapValue"]?["fields"] as JsonObject ?? [];

    private static int CompareNumbers(JsonObject a, JsonObject b)
    {
        if (a.ContainsKey("integerValue") && b.ContainsKey("integerValue"))
        {
            return Integer(a).CompareTo(Integer(b));
        }

        if (a.ContainsKey("integerValue"))
        {
            return -CompareDoubleToInteger(Double(b), Integer(a));
        }

        return b.ContainsKey("integerValue")
            ? CompareDoubleToInteger(Double(a), Integer(b))
            : CompareDoubles(Double(a), Double(b));
    }

    private static int CompareDoubles(double a, double b) =>
        double.IsNaN(a) ? (double.IsNaN(b) ? 0 : -1) : double.IsNaN(b) ? 1 : a == b ? 0 : a < b ? -1 : 1;

    /// <summary>Exact comparison: converting a large long to double would round.</summary>
    private static int CompareDoubleToInteger(double d, long l)
    {
        if (double.IsNaN(d) || d < -9.2233720368547758E18)
        {
            return -1;
        }

        if (d >= 9.2233720368547758E18)
        {
            return 1;
        }

        var whole = (long)Math.Truncate(d);
        var byWhole = whole.CompareTo(l);
        return byWhole != 0 ? byWhole : (d - Math.Truncate(d)).CompareTo(0.0);
    }

    private static long Micros(JsonNode? timestamp) =>
        StoredTimestamp.TryParse(timestamp!.GetValue<string>(), out var micros, out _) ? micros : 0;

    private static int CompareUtf8(string a, string b) =>
        Encoding.UTF8.GetBytes(a).AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(b));

    private static int CompareReferences(string a, string b)
    {
        var left = a.Split('/');
        var right = b.Split('/');
        for (var i = 0; i < Math.Min(left.Length, right.Length); i++)
        {
            var byName = CompareUtf8(left[i], right[i]);
            if (byName != 0)
            {
                return byName;
            }
        }

        return left.Length.CompareTo(right.Length);
    }

    private static int CompareGeoPoints(JsonObject a, JsonObject b)
    {
        var byLatitude = CompareDoubles(Coordinate(a, "latitude"), Coordinate(b, "latitude"));
        return byLatitude != 0 ? byLatitude : CompareDoubles(Coordinate(a, "longitude"), Coordinate(b, "longitude"));
    }

    private static double Coordinate(JsonObject point, string name) => point[name]?.GetValue<double>() ?? 0;

    private static int CompareArrays(JsonArray a, JsonArray b)
    {
        for (var i = 0; i < Math.Min(a.Count, b.Count); i++)
        {
            var byElement = Compare((JsonObject)a[i]!, (JsonObject)b[i]!);
            if (byElement != 0)
            {
                return byElement;
            }
        }

        return a.Count.CompareTo(b.Count);
    }

    private static int CompareMaps(JsonObject a, JsonObject b)
    {
        var left = a.OrderBy(f => f.Key, Utf8Order.Instance).ToList();
        var right = b.OrderBy(f => f.Key, Utf8Order.Instance).ToList();
        for (var i = 0; i < Math.Min(left.Count, right.Count); i++)
        {
            var byKey = CompareUtf8(left[i].Key, right[i].Key);
            if (byKey != 0)
            {
                return byKey;
            }

            var byValue = Compare((JsonObject)left[i].Value!, (JsonObject)right[i].Value!);
            if (byValue != 0)
            {
                return byValue;
            }
        }

        return left.Count.CompareTo(right.Count);
    }

    /// <summary>Strings in Firestore's order: by their UTF-8 bytes, which differs from UTF-16 order for surrogate pairs.</summary>
    public sealed class Utf8Order : IComparer<string>
    {
        public static readonly Utf8Order Instance = new();

        public int Compare(string? x, string? y) => CompareUtf8(x ?? "", y ?? "");
    }
}
