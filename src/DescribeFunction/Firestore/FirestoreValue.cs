using System.Collections;
using System.Globalization;
using System.Text.Json;

namespace DescribeFunction.Firestore;

/// <summary>
/// Converts CLR values to Firestore REST typed values (<c>{"stringValue": …}</c>, <c>{"integerValue": "12"}</c>, …)
/// and back. The CLR side is a closed set: null, string, bool, long, double, DateTimeOffset, byte[],
/// <see cref="DocumentFields"/> (maps), <see cref="FirestoreVector"/> (vector values), <see cref="IReadOnlyList{T}"/> of values (arrays), and a
/// <see cref="JsonElement"/> holding a typed value this model does not cover (references, geo points), which
/// passes through unchanged.
/// </summary>
public static partial class FirestoreValue
{
    /// <summary>Brings a value into the closed set: widens integers and floats, copies maps and arrays.</summary>
    public static object? Normalize(object? value) => value switch
    {
        null or string or bool or long or double or DateTimeOffset or DocumentFields or FirestoreVector => value,
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
            case FirestoreVector vector:
                writer.WriteStartObject("mapValue");
                writer.WritePropertyName("fields");
                WriteFields(writer, vector.ToMap());
                writer.WriteEndObject();
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
}
