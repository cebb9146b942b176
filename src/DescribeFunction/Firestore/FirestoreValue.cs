using System.Collections;
using System.Globalization;
using System.Text.Json;

namespace DescribeFunction.Firestore;

/// <summary>
/// Converts CLR values to Firestore REST typed values (<c>{"stringValue": …}</c>, <c>{"integerValue": "12"}</c>, …)
/// and back. The CLR side is a closed set: null, string, bool, long, double, DateTimeOffset, byte[],
/// <see cref="DocumentFields"/> (maps), <see cref="IReadOnlyList{T}"/> of values (arrays), and a
/// <see cref="JsonElement"/> holding a typed value this model does not cover (references, geo points), which
/// passes through unchanged.
/// </summary>
public static class FirestoreValue
{
    /// <summary>Brings a value into the closed set: widens integers and floats, copies maps and arrays.</summary>
    public static object? Normalize(object? value) => value switch
    {
        null or string or bool or long or double or DateTimeOffset or DocumentFields => value,
        int or short or sbyte or byte or ushort or uint => Convert.ToInt64(value, CultureInfo.InvariantCulture),
        ulong u => u <= long.MaxValue ? (long)u : throw new ArgumentOutOfRangeException(nameof(value), "Firestore integers are 64-bit signed."),
        float f => (double)f,
        DateTime { Kind: DateTimeKind.Unspecified } =>
            throw new ArgumentException("A DateTime of unspecified kind is ambiguous; pass a DateTimeOffset or a UTC DateTime.", nameof(value)),
        DateTime d => new DateTimeOffset(d.ToUniversalTime(), TimeSpan.Zero),
        byte[] bytes => bytes.ToArray(),
        ReadOnlyMemory<byte> memory => memory.ToArray(),
        JsonElement { ValueKind: JsonValueKind.Object } element => element.Clone(),
        IReadOnlyDictionary<string, object?> map => DocumentFields.From(map),
        IEnumerable sequence => NormalizeArray(sequence),
        _ => throw new ArgumentException($"Firestore has no value type for {value.GetType().Name}.", nameof(value)),
    };

    public static void Write(Utf8JsonWriter writer, object? value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        switch (Normalize(value))
        {
            case null:
                writer.WriteNull("nullValue");
                break;
            case string s:
                writer.WriteString("stringValue", s);
                break;
            case bool b:
                writer.WriteBoolean("booleanValue", b);
                break;
            case long l:
                writer.WriteString("integerValue", l.ToString(CultureInfo.InvariantCulture));
                break;
            case double d:
                WriteDouble(writer, d);
                break;
            case DateTimeOffset t:
                writer.WriteString("timestampValue", FirestoreTimestamp.Format(t));
                break;
            case byte[] bytes:
                writer.WriteBase64String("bytesValue", bytes);
                break;
            case DocumentFields map:
                writer.WriteStartObject("mapValue");
                if (map.Count > 0)
                {
                    writer.WritePropertyName("fields");
                    WriteFields(writer, map);
                }

                writer.WriteEndObject();
                break;
            case IReadOnlyList<object?> array:
                writer.WriteStartObject("arrayValue");
                if (array.Count > 0)
                {
                    writer.WriteStartArray("values");
                    foreach (var item in array)
                    {
                        Write(writer, item);
                    }

                    writer.WriteEndArray();
                }

                writer.WriteEndObject();
                break;
            case JsonElement typed:
                // Already a typed value object: replace the start we wrote with the element itself.
                foreach (var property in typed.EnumerateObject())
                {
                    property.WriteTo(writer);
                }

                break;
        }

        writer.WriteEndObject();
    }

    /// <summary>Writes a Firestore <c>fields</c> object: field name to typed value.</summary>
    public static void WriteFields(Utf8JsonWriter writer, DocumentFields fields)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(fields);
        writer.WriteStartObject();
        foreach (var (name, value) in fields)
        {
            writer.WritePropertyName(name);
            Write(writer, value);
        }

        writer.WriteEndObject();
    }

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
            "mapValue" => v.TryGetProperty("fields", out var fields) ? ReadFields(fields) : new DocumentFields(),
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

    private static object?[] NormalizeArray(IEnumerable sequence)
    {
        var items = new List<object?>();
        foreach (var item in sequence)
        {
            var normalized = Normalize(item);
            if (normalized is IReadOnlyList<object?>)
            {
                throw new ArgumentException("Firestore arrays cannot directly contain arrays.", nameof(sequence));
            }

            items.Add(normalized);
        }

        return [.. items];
    }

    // proto3 JSON spells the non-finite doubles as strings.
    private static void WriteDouble(Utf8JsonWriter writer, double d)
    {
        if (double.IsNaN(d))
        {
            writer.WriteString("doubleValue", "NaN");
        }
        else if (double.IsInfinity(d))
        {
            writer.WriteString("doubleValue", d > 0 ? "Infinity" : "-Infinity");
        }
        else
        {
            writer.WriteNumber("doubleValue", d);
        }
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
