using System.Buffers.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace DescribeFunction.Events;

/// <summary>Reads an int64 written either as a JSON number or as a JSON string (proto3 JSON writes int64 as strings).</summary>
public sealed class FlexibleInt64Converter : JsonConverter<long?>
{
    public override bool HandleNull => true;

    public override long? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.Number:
                return reader.GetInt64();
            case JsonTokenType.String:
                var span = reader.HasValueSequence ? System.Buffers.BuffersExtensions.ToArray(reader.ValueSequence) : reader.ValueSpan.ToArray();
                if (Utf8Parser.TryParse(span, out long value, out var consumed) && consumed == span.Length)
                {
                    return value;
                }

                throw new JsonException("Expected an integer in a string.");
            default:
                throw new JsonException($"Expected an integer, found {reader.TokenType}.");
        }
    }

    public override void Write(Utf8JsonWriter writer, long? value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value is { } v)
        {
            writer.WriteStringValue(v.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}
