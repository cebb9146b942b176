using System.Globalization;
using System.Text.Json;

namespace DescribeFunction.Firestore;

public static partial class FirestoreValue
{
    public static object? Read(JsonElement typedValue)
    {
        if (typedValue.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"A Firestore value must be a JSON object, not {typedValue.ValueKind}.");
        }

        using var properties = typedValue.EnumerateObject();
        if (!properties.MoveNext())
        {
            throw new FormatException("A Firestore value object has no value field.");
        }

        var property = properties.Current;
        var v = property.Value;
        return property.Name switch
        {
            "nullValue" => null,
            "stringValue" => v.GetString(),
            "booleanValue" => v.GetBoolean(),
            "integerValue" => v.ValueKind == JsonValueKind.String
                ? long.Parse(v.GetString()!, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture)
                : v.GetInt64(),
            "doubleValue" => ReadDouble(v),
            "timestampValue" => FirestoreTimestamp.Parse(v.GetString()!),
            "bytesValue" => ReadBytes(v.GetString()!),
            "mapValue" => v.TryGetProperty("fields", out var fields) ? ReadMap(fields) : new DocumentFields(),
            "arrayValue" => v.TryGetProperty("values", out var values) ? ReadArray(values) : Array.Empty<object?>(),
            _ => typedValue.Clone(),
        };
    }

    /// <summary>Reads a Firestore <c>fields</c> object.</summary>
    public static DocumentFields ReadFields(JsonElement fields)
    {
        var result = new DocumentFields();
        foreach (var property in fields.EnumerateObject())
        {
            result.Set(property.Name, Read(property.Value));
        }

        return result;
    }

    /// <summary>A map, or the vector value it spells.</summary>
    private static object ReadMap(JsonElement fields)
    {
        var map = ReadFields(fields);
        return (object?)FirestoreVector.FromMap(map) ?? map;
    }

    private static object?[] ReadArray(JsonElement values)
    {
        var result = new object?[values.GetArrayLength()];
        var i = 0;
        foreach (var item in values.EnumerateArray())
        {
            result[i++] = Read(item);
        }

        return result;
    }

    private static double ReadDouble(JsonElement v) => v.ValueKind switch
    {
        JsonValueKind.Number => v.GetDouble(),
        JsonValueKind.String => v.GetString() switch
        {
            "NaN" => double.NaN,
            "Infinity" => double.PositiveInfinity,
            "-Infinity" => double.NegativeInfinity,
            var s => double.Parse(s!, NumberStyles.Float, CultureInfo.InvariantCulture),
        },
        _ => throw new FormatException($"doubleValue cannot be {v.ValueKind}."),
    };

    // proto3 JSON accepts standard or URL-safe base64, padded or not.
    private static byte[] ReadBytes(string text)
    {
        var standard = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(standard.PadRight(standard.Length + ((4 - (standard.Length % 4)) % 4), '='));
    }
}
