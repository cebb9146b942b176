using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace DescribeFunction.Local.Firestore;

/// <summary>
/// Validates the Firestore <c>Value</c>s a request carries, as the REST API encodes them, and returns the normalized
/// copy to store (integers as strings, timestamps Z-normalized at microsecond precision, bytes as standard base64), so
/// stored documents read back the way the real service returns them.
/// </summary>
internal static partial class ValueNormalizer
{
    public const int MaxValueBytes = 1_048_487;
    public const int MaxDepth = 20;

    public static JsonObject NormalizeFields(JsonNode? fields, string where, int depth = 0)
    {
        if (fields is null)
        {
            return [];
        }

        if (fields is not JsonObject map)
        {
            throw ErrorResponseException.InvalidArgument($"{where} must be an object of field names to values.");
        }

        var result = new JsonObject();
        foreach (var (name, value) in map)
        {
            // The one reserved name Firestore takes: __type__ marking a map as a vector value.
            var vectorMarker = depth > 0 && name == "__type__" && value?["stringValue"]?.GetValueKind() == JsonValueKind.String
                && value["stringValue"]!.GetValue<string>() == "__vector__";
            if (name.Length == 0 || (ResourceIds.IsReserved(name) && !vectorMarker) || Encoding.UTF8.GetByteCount(name) > ResourceIds.MaxIdBytes)
            {
                throw ErrorResponseException.InvalidArgument($"Field name \"{name}\" in {where} is empty, reserved (__.*__) or longer than 1500 bytes.");
            }

            result[name] = Normalize(value, $"{where}.{name}", depth);
        }

        return result;
    }

    public static JsonObject Normalize(JsonNode? node, string where, int depth = 0)
    {
        if (node is not JsonObject value || value.Count != 1)
        {
            throw ErrorResponseException.InvalidArgument($"Value at {where} must be an object with exactly one value type (stringValue, integerValue, ...).");
        }

        var (kind, inner) = value.First();
        JsonNode? normalized = kind switch
        {
            "nullValue" when inner is null || (inner.GetValueKind() == JsonValueKind.String && inner.GetValue<string>() == "NULL_VALUE")
                || (inner.GetValueKind() == JsonValueKind.Number && inner.AsValue().TryGetValue<int>(out _)) => null,
            "booleanValue" when inner?.GetValueKind() is JsonValueKind.True or JsonValueKind.False => inner.GetValue<bool>(),
            "integerValue" => ParseInteger(inner, where).ToString(CultureInfo.InvariantCulture),
            "doubleValue" => ParseDouble(inner, where),
            "stringValue" => CheckLength(Text(inner, kind, where), where),
            "timestampValue" => NormalizeTimestamp(Text(inner, kind, where), where),
            "bytesValue" => NormalizeBytes(Text(inner, kind, where), where),
            "referenceValue" => DocumentPath.ParseReference(Text(inner, kind, where)).FullName,
            "geoPointValue" => NormalizeGeoPoint(inner, where),
            "arrayValue" => NormalizeArray(inner, where, depth + 1),
            "mapValue" => NormalizeMap(inner, where, depth + 1),
            _ => throw ErrorResponseException.InvalidArgument($"Value at {where} has an unknown or malformed value type \"{kind}\"."),
        };
        return new JsonObject { [kind] = normalized };
    }

    private static string Text(JsonNode? inner, string kind, string where) =>
        inner?.GetValueKind() == JsonValueKind.String
            ? inner.GetValue<string>()
            : throw ErrorResponseException.InvalidArgument($"{kind} at {where} must be a JSON string.");

    /// <summary>
    /// Proto JSON's int64: a JSON number or a decimal string, which may carry a sign, a fraction of zeros or an
    /// exponent (<c>"1e3"</c>, <c>"1.0"</c>) as long as the value is a whole number in range.
    /// </summary>
    private static long ParseInteger(JsonNode? inner, string where)
    {
        var text = JsonText(inner);
        return text is not null && NumberText().IsMatch(text)
            && decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
            && number == decimal.Truncate(number) && number is >= long.MinValue and <= long.MaxValue
            ? (long)number
            : throw ErrorResponseException.InvalidArgument($"Payload isn't valid for request: integerValue at {where} must be a 64-bit integer (a JSON string or number).");
    }

    /// <summary>A JSON number or its text, or exactly "NaN", "Infinity", "-Infinity"; finite values must fit a double.</summary>
    private static JsonValue ParseDouble(JsonNode? inner, string where)
    {
        var text = JsonText(inner);
        if (text is "NaN" or "Infinity" or "-Infinity")
        {
            return JsonValue.Create(text);
        }

        return text is not null && NumberText().IsMatch(text)
            && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number)
            ? DoubleNode(number)
            : throw ErrorResponseException.InvalidArgument($"Payload isn't valid for request: doubleValue at {where} must be a JSON number or \"NaN\", \"Infinity\", \"-Infinity\".");
    }

    /// <summary>A JSON string's value or a JSON number's text, as proto JSON reads numbers from either; null otherwise.</summary>
    private static string? JsonText(JsonNode? inner) => inner?.GetValueKind() switch
    {
        JsonValueKind.String => inner.GetValue<string>(),
        JsonValueKind.Number => inner.ToJsonString(),
        _ => null,
    };

    /// <summary>A double as stored: -0.0 becomes 0 (Firestore keeps no negative zero), NaN and infinities as their names.</summary>
    public static JsonValue DoubleNode(double value) => value switch
    {
        double.NaN => JsonValue.Create("NaN"),
        double.PositiveInfinity => JsonValue.Create("Infinity"),
        double.NegativeInfinity => JsonValue.Create("-Infinity"),
        0 => JsonValue.Create(0.0),
        _ => JsonValue.Create(value),
    };

    private static string CheckLength(string text, string where)
    {
        var bytes = Encoding.UTF8.GetByteCount(text);
        return bytes <= MaxValueBytes
            ? text
            : throw ErrorResponseException.InvalidArgument($"The value of field {where} is {bytes} bytes; a string value may be at most {MaxValueBytes} bytes.");
    }

    private static string NormalizeTimestamp(string text, string where) =>
        StoredTimestamp.TryParse(text, out var micros, out _)
            ? StoredTimestamp.Format(micros)
            : throw ErrorResponseException.InvalidArgument($"timestampValue at {where} is not an RFC 3339 timestamp between years 1 and 9999: \"{text}\".");

    private static string NormalizeBytes(string text, string where)
    {
        var standard = text.Replace('-', '+').Replace('_', '/');
        standard = standard.PadRight(standard.Length + ((4 - (standard.Length % 4)) % 4), '=');
        var buffer = new byte[standard.Length];
        if (!Convert.TryFromBase64String(standard, buffer, out var length))
        {
            throw ErrorResponseException.InvalidArgument($"bytesValue at {where} is not base64.");
        }

        return length <= MaxValueBytes
            ? Convert.ToBase64String(buffer, 0, length)
            : throw ErrorResponseException.InvalidArgument($"The value of field {where} is {length} bytes; a bytes value may be at most {MaxValueBytes} bytes.");
    }

    private static JsonObject NormalizeGeoPoint(JsonNode? inner, string where)
    {
        if (inner is not JsonObject point || point.Any(p => p.Key is not ("latitude" or "longitude")))
        {
            throw ErrorResponseException.InvalidArgument($"geoPointValue at {where} must be {{\"latitude\", \"longitude\"}}.");
        }

        // Proto JSON leaves a zero coordinate out, as it does every default value.
        var result = new JsonObject();
        if (Coordinate(point["latitude"], 90, where) is not 0 and var latitude)
        {
            result["latitude"] = latitude;
        }

        if (Coordinate(point["longitude"], 180, where) is not 0 and var longitude)
        {
            result["longitude"] = longitude;
        }

        return result;
    }

    private static double Coordinate(JsonNode? node, double limit, string where)
    {
        var value = node is null ? 0 : node.GetValueKind() == JsonValueKind.Number ? node.GetValue<double>() : double.NaN;
        return Math.Abs(value) <= limit
            ? value
            : throw ErrorResponseException.InvalidArgument($"geoPointValue at {where} has a coordinate out of range.");
    }

    private static JsonObject NormalizeArray(JsonNode? inner, string where, int depth)
    {
        CheckDepth(depth, where);
        if (inner is not JsonObject array || array.Any(p => p.Key != "values") || array["values"] is not (null or JsonArray))
        {
            throw ErrorResponseException.InvalidArgument($"arrayValue at {where} must be {{\"values\": [...]}}.");
        }

        var values = new JsonArray();
        var index = 0;
        foreach (var element in (JsonArray?)array["values"] ?? [])
        {
            var normalized = Normalize(element, $"{where}[{index++}]", depth);
            if (normalized.ContainsKey("arrayValue"))
            {
                throw ErrorResponseException.InvalidArgument($"Array at {where} directly contains an array; Firestore does not allow nested arrays.");
            }

            values.Add(normalized);
        }

        return values.Count == 0 ? [] : new JsonObject { ["values"] = values };
    }

    private static JsonObject NormalizeMap(JsonNode? inner, string where, int depth)
    {
        CheckDepth(depth, where);
        if (inner is not JsonObject map || map.Any(p => p.Key != "fields"))
        {
            throw ErrorResponseException.InvalidArgument($"mapValue at {where} must be {{\"fields\": {{...}}}}.");
        }

        var fields = NormalizeFields(map["fields"], where, depth);
        VectorValue.CheckWrite(fields);
        return fields.Count == 0 ? [] : new JsonObject { ["fields"] = fields };
    }

    private static void CheckDepth(int depth, string where)
    {
        if (depth > MaxDepth)
        {
            throw ErrorResponseException.InvalidArgument($"Value at {where} nests maps and arrays deeper than {MaxDepth} levels.");
        }
    }

    [GeneratedRegex(@"^[+-]?[0-9]+(\.[0-9]*)?([eE][+-]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex NumberText();
}
