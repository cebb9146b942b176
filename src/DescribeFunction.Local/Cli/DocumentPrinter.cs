using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using DescribeFunction.Firestore;

namespace DescribeFunction.Local.Cli;

/// <summary>A stored document as plain, indented JSON (typed Firestore values unwrapped), for people to read.</summary>
public static class DocumentPrinter
{
    private static readonly JsonWriterOptions Options = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string ToJson(FirestoreDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            writer.WriteStartObject();
            writer.WriteString("id", document.Id);
            writer.WritePropertyName("fields");
            WriteValue(writer, document.Fields);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Writes the fields as one plain JSON object.</summary>
    public static void WriteFields(Utf8JsonWriter writer, DocumentFields fields) => WriteValue(writer, fields);

    private static void WriteValue(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case string s:
                writer.WriteStringValue(s);
                break;
            case bool b:
                writer.WriteBooleanValue(b);
                break;
            case long l:
                writer.WriteNumberValue(l);
                break;
            case double d:
                writer.WriteNumberValue(d);
                break;
            case DateTimeOffset t:
                writer.WriteStringValue(t);
                break;
            case byte[] bytes:
                writer.WriteBase64StringValue(bytes);
                break;
            case FirestoreVector vector:
                // Hundreds of numbers say nothing to a reader; the length and the first few identify the vector.
                writer.WriteStringValue(VectorSummary(vector));
                break;
            case DocumentFields map:
                writer.WriteStartObject();
                foreach (var (key, item) in map)
                {
                    writer.WritePropertyName(key);
                    WriteValue(writer, item);
                }

                writer.WriteEndObject();
                break;
            case IEnumerable<object?> list:
                writer.WriteStartArray();
                foreach (var item in list)
                {
                    WriteValue(writer, item);
                }

                writer.WriteEndArray();
                break;
            default:
                writer.WriteStringValue(value.ToString());
                break;
        }
    }

    /// <summary>For example <c>vector of 768: 0.0123, -0.0456, 0.0789, …</c>.</summary>
    public static string VectorSummary(FirestoreVector vector)
    {
        ArgumentNullException.ThrowIfNull(vector);
        var first = string.Join(", ", vector.Values.Take(3).Select(v => v.ToString("0.0000", System.Globalization.CultureInfo.InvariantCulture)));
        return $"vector of {vector.Values.Count}: {first}{(vector.Values.Count > 3 ? ", …" : "")}";
    }
}
