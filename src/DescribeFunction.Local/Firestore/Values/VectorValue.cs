using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;

namespace DescribeFunction.Local.Firestore;

/// <summary>
/// Firestore's vector value: a map <c>{"__type__": "__vector__", "value": [doubles]}</c>. Stored as the map it is;
/// checked on write as the emulator checks it (doubles only, at most 2,048), and read as numbers by <c>findNearest</c>.
/// </summary>
internal static class VectorValue
{
    public const int MaxDimensions = 2048;

    /// <summary>
    /// Stored values parsed once: a write stores fresh JSON objects and never changes them afterwards, so a stored
    /// value's numbers can be kept with it (and go when it does). Reading them again on every findNearest was most of
    /// its time: about 70 µs a 768-value vector.
    /// </summary>
    private static readonly ConditionalWeakTable<JsonObject, double[]> Parsed = new();

    /// <summary>A marker for a stored value that is not a vector (no findNearest matches a length of 0).</summary>
    private static readonly double[] NotAVector = [];

    /// <summary>The numbers of a vector value, or null when the typed value is not one.</summary>
    public static double[]? Read(JsonObject? typedValue)
    {
        if (typedValue?["mapValue"]?["fields"] is not JsonObject fields || !IsVectorMap(fields))
        {
            return null;
        }

        var values = fields["value"]?["arrayValue"]?["values"] as JsonArray ?? [];
        return values.All(v => v is JsonObject o && o.ContainsKey("doubleValue"))
            ? [.. values.Select(v => ValueOrder.Double((JsonObject)v!))]
            : null;
    }

    /// <summary><see cref="Read"/> for a value as stored (never changed once written), parsed only the first time.</summary>
    public static double[]? ReadStored(JsonObject? storedValue) =>
        storedValue is null ? null : Parsed.GetValue(storedValue, v => Read(v) ?? NotAVector) is { Length: > 0 } values ? values : null;

    /// <summary>Refuses a vector map that is malformed; other maps pass.</summary>
    public static void CheckWrite(JsonObject fields)
    {
        if (!IsVectorMap(fields))
        {
            return;
        }

        var values = fields["value"]?["arrayValue"]?["values"] as JsonArray;
        if (fields["value"] is not JsonObject value || !value.ContainsKey("arrayValue"))
        {
            throw ErrorResponseException.InvalidArgument("Vector map is missing key 'value'.");
        }

        if (values is not null && values.Any(v => v is not JsonObject o || !o.ContainsKey("doubleValue")))
        {
            throw ErrorResponseException.InvalidArgument("Vector must only contain values of type 'double'");
        }

        if (values?.Count > MaxDimensions)
        {
            throw ErrorResponseException.InvalidArgument($"Vectors must be at most {MaxDimensions} dimensions.");
        }
    }

    /// <summary>A distance as a stored double, spelling the non-finite ones as proto JSON does.</summary>
    public static JsonObject Double(double value) => new()
    {
        ["doubleValue"] = double.IsNaN(value) ? "NaN" : double.IsPositiveInfinity(value) ? "Infinity" : double.IsNegativeInfinity(value) ? "-Infinity" : JsonValue.Create(value),
    };

    private static bool IsVectorMap(JsonObject fields) =>
        fields["__type__"]?["stringValue"]?.GetValue<string>() == "__vector__";
}
