using System.Text.Json;
using DescribeFunction.Describing.Structured;
using DescribeFunction.Firestore;
using DescribeFunction.Store;

namespace DescribeFunction.FirestoreStore;

/// <summary>
/// The document fields of a structured answer: the default schema's properties beside <c>description</c> (so
/// <c>labels</c> is a top-level array that <c>array-contains</c> queries use), a custom schema's under <c>data</c>.
/// </summary>
internal static class StructuredFields
{
    public const string StructuredOutput = "structured";

    /// <summary>Enough of a broken answer to see what went wrong, small beside Firestore's 1 MiB document.</summary>
    public const int MaxRawOutputBytes = 32 * 1024;

    public static void AddTo(DocumentFields fields, StructuredOutput output)
    {
        fields.Set(DescriptionFields.Output, StructuredOutput);
        if (output.Schema.IsDefault)
        {
            fields.Set(DescriptionFields.AltText, output.AltText)
                .Set(DescriptionFields.Labels, output.Labels)
                .Set(DescriptionFields.VisibleText, output.VisibleText)
                .Set(DescriptionFields.ContainsPeople, output.ContainsPeople);
            return;
        }

        fields.Set(DescriptionFields.Data, ToValue(output.Value, output.Schema.Root));
    }

    /// <summary>The stored <c>labels</c>, for the readers that carry them on (re-embedding, notices).</summary>
    public static string[]? LabelsOf(DocumentFields fields) => fields.GetArray(DescriptionFields.Labels)?.OfType<string>().ToArray();

    /// <summary>A validated JSON value as a Firestore value; the schema decides integer or double.</summary>
    private static object? ToValue(JsonElement value, SchemaNode schema) => value.ValueKind switch
    {
        JsonValueKind.Null => null,
        JsonValueKind.String => value.GetString(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Number when schema.Type == SchemaType.Integer => value.TryGetInt64(out var whole) ? whole : (long)value.GetDouble(),
        JsonValueKind.Number => value.GetDouble(),
        JsonValueKind.Array => value.EnumerateArray().Select(item => ToValue(item, schema.Items!)).ToList(),
        _ => ToMap(value, schema),
    };

    private static DocumentFields ToMap(JsonElement value, SchemaNode schema)
    {
        var map = new DocumentFields();
        foreach (var (name, child) in schema.Properties)
        {
            map.Set(name, ToValue(value.GetProperty(name), child));
        }

        return map;
    }
}
