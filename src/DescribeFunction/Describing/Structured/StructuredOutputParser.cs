using System.Text.Json;

namespace DescribeFunction.Describing.Structured;

/// <summary>
/// Parses and validates the assembled answer when the stream ends. Anything that does not validate (cut by the
/// output cap, or the model ignoring the format) is an <c>invalid-structured-output</c> failure carrying the raw text.
/// </summary>
public static class StructuredOutputParser
{
    public const string InvalidCode = "invalid-structured-output";

    /// <summary>Alt text longer than this is cut off by screen readers and some sites.</summary>
    public const int MaxAltTextLength = 125;

    /// <exception cref="DescribeException"><see cref="InvalidCode"/>, with <see cref="DescribeException.RawOutput"/>.</exception>
    public static StructuredOutput Parse(string raw, StructuredSchema schema, string? finishReason)
    {
        ArgumentNullException.ThrowIfNull(raw);
        ArgumentNullException.ThrowIfNull(schema);
        JsonElement value;
        try
        {
            using var document = JsonDocument.Parse(Unfenced(raw));
            value = document.RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw Invalid(raw, finishReason == FinishReasons.Length
                ? "it was cut off by the output cap before the JSON was complete; raise DESCRIBE_MAX_OUTPUT_TOKENS"
                : $"it is not JSON ({e.Message})");
        }

        var problems = SchemaValidator.Validate(value, schema.Root);
        if (problems.Count > 0)
        {
            throw Invalid(raw, string.Join("; ", problems));
        }

        return schema.IsDefault ? DefaultFields(value, schema, raw) : new StructuredOutput
        {
            Value = value,
            Schema = schema,
            Description = value.TryGetProperty("description", out var prose) && prose.ValueKind == JsonValueKind.String
                ? prose.GetString()!
                : value.GetRawText(),
        };
    }

    private static StructuredOutput DefaultFields(JsonElement value, StructuredSchema schema, string raw)
    {
        var description = value.GetProperty("description").GetString()!.Trim();
        var altText = value.GetProperty("altText").GetString()!.Trim();
        var labels = value.GetProperty("labels").EnumerateArray()
            .Select(l => l.GetString()!.Trim().ToLowerInvariant())
            .Where(l => l.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var problems = new List<string>();
        if (description.Length == 0)
        {
            problems.Add("/description is empty");
        }

        if (altText.Length is 0 or > MaxAltTextLength)
        {
            problems.Add($"/altText has {altText.Length} characters but must have 1 to {MaxAltTextLength}");
        }

        if (labels.Count == 0)
        {
            problems.Add("/labels holds no label");
        }

        return problems.Count > 0 ? throw Invalid(raw, string.Join("; ", problems)) : new StructuredOutput
        {
            Value = value,
            Schema = schema,
            Description = description,
            AltText = altText,
            Labels = labels,
            VisibleText = value.GetProperty("visibleText").GetString()!,
            ContainsPeople = value.GetProperty("containsPeople").GetBoolean(),
        };
    }

    /// <summary>A model that ignores the format often still wraps its JSON in a Markdown code fence.</summary>
    private static string Unfenced(string raw)
    {
        var text = raw.Trim();
        if (!text.StartsWith("```", StringComparison.Ordinal) || !text.EndsWith("```", StringComparison.Ordinal) || text.Length < 6)
        {
            return text;
        }

        var firstLine = text.IndexOf('\n', StringComparison.Ordinal);
        return firstLine < 0 ? text : text[(firstLine + 1)..^3];
    }

    private static DescribeException Invalid(string raw, string reason) =>
        new(InvalidCode, $"The model's answer does not match the output schema: {reason}.") { RawOutput = raw };
}
