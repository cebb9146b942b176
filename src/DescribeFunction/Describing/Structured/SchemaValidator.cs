using System.Text.Json;

namespace DescribeFunction.Describing.Structured;

/// <summary>Checks a JSON value against a <see cref="SchemaNode"/>; each problem is one phrase naming its JSON pointer.</summary>
public static class SchemaValidator
{
    /// <summary>Enough to say what went wrong without copying a whole broken answer into the error message.</summary>
    private const int MaxProblems = 5;

    public static IReadOnlyList<string> Validate(JsonElement value, SchemaNode schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var problems = new List<string>();
        Check(value, schema, "", problems);
        return problems;
    }

    private static void Check(JsonElement value, SchemaNode schema, string pointer, List<string> problems)
    {
        if (problems.Count >= MaxProblems)
        {
            return;
        }

        var at = pointer.Length == 0 ? "the top level" : pointer;
        if (value.ValueKind == JsonValueKind.Null)
        {
            if (!schema.Nullable)
            {
                problems.Add($"{at} is null but must be {Name(schema.Type)}");
            }

            return;
        }

        if (!HasType(value, schema.Type))
        {
            problems.Add($"{at} is {Kind(value)} but must be {Name(schema.Type)}");
            return;
        }

        switch (schema.Type)
        {
            case SchemaType.Object:
                CheckObject(value, schema, pointer, problems);
                break;
            case SchemaType.Array:
                var count = value.GetArrayLength();
                if (count < schema.MinItems || count > schema.MaxItems)
                {
                    problems.Add($"{at} has {count} items but must have {schema.MinItems ?? 0} to {(schema.MaxItems is { } max ? max : "any number of")}");
                }

                var index = 0;
                foreach (var item in value.EnumerateArray())
                {
                    Check(item, schema.Items!, $"{pointer}/{index++}", problems);
                }

                break;
            case SchemaType.String when schema.Enum is { } choices && !choices.Contains(value.GetString()!):
                problems.Add($"{at} is '{value.GetString()}' but must be one of {string.Join(", ", choices)}");
                break;
        }
    }

    private static void CheckObject(JsonElement value, SchemaNode schema, string pointer, List<string> problems)
    {
        foreach (var property in value.EnumerateObject())
        {
            if (schema.Property(property.Name) is null)
            {
                problems.Add($"{pointer}/{property.Name} is not in the schema");
            }
        }

        foreach (var (name, child) in schema.Properties)
        {
            if (value.TryGetProperty(name, out var item))
            {
                Check(item, child, $"{pointer}/{name}", problems);
            }
            else
            {
                problems.Add($"{pointer}/{name} is missing");
            }
        }
    }

    private static bool HasType(JsonElement value, SchemaType type) => type switch
    {
        SchemaType.Object => value.ValueKind == JsonValueKind.Object,
        SchemaType.Array => value.ValueKind == JsonValueKind.Array,
        SchemaType.String => value.ValueKind == JsonValueKind.String,
        SchemaType.Boolean => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        SchemaType.Number => value.ValueKind == JsonValueKind.Number,
        SchemaType.Integer => value.ValueKind == JsonValueKind.Number && IsWhole(value),
        _ => false,
    };

    // JSON Schema counts 2.0 as an integer; Firestore needs it to fit 64 bits.
    private static bool IsWhole(JsonElement value) =>
        value.TryGetInt64(out _) || (value.TryGetDouble(out var d) && Math.Floor(d) == d && Math.Abs(d) < 9.2e18);

    private static string Name(SchemaType type) => type switch
    {
        SchemaType.Object => "an object",
        SchemaType.Array => "an array",
        SchemaType.Integer => "an integer",
        _ => "a " + type.ToString().ToLowerInvariant(),
    };

    private static string Kind(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };
}
