using System.Text.Json;
using System.Text.Unicode;

namespace DescribeFunction.Events;

/// <summary>
/// Checks a JSON body completely before anything reads it. System.Text.Json checks the structure while parsing but
/// the text inside strings only when a string is read, so a body with invalid UTF-8 or an unpaired surrogate escape
/// (<c>"\ud800"</c>) in some string parses fine and then throws <see cref="InvalidOperationException"/> wherever that
/// string is read (a resource name, an attribute, re-serializing the data) - which would turn into a 500.
/// </summary>
internal static class JsonText
{
    /// <param name="json">The body.</param>
    /// <param name="what">How the reason names the body, e.g. "The request body".</param>
    public static void EnsureValid(ReadOnlySpan<byte> json, string what)
    {
        var reader = new Utf8JsonReader(json);
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName
                    && (reader.ValueIsEscaped || !Utf8.IsValid(reader.ValueSpan)))
                {
                    // Unescapes and transcodes; throws for exactly the strings a later read would throw for.
                    _ = reader.GetString();
                }
            }
        }
        catch (JsonException e)
        {
            throw new InvalidEventException($"{what} is not valid JSON: {CloudEventRequestReader.FirstLine(e.Message)}", e);
        }
        catch (InvalidOperationException e)
        {
            throw new InvalidEventException($"{what} is not valid JSON: {CloudEventRequestReader.FirstLine(e.Message)}", e);
        }
    }
}
