using System.Text.Json;

namespace DescribeFunction.Describing.Structured;

/// <summary>
/// Reads a JSON Schema that stays inside what Gemini's structured output accepts and Firestore can store: no
/// references (so no recursion), every object closed (<c>additionalProperties: false</c>) with every property
/// required, nullable only through <c>anyOf</c>, string-only enums, and no array directly inside an array. Anything
/// else is refused with the path of the offending keyword, so a bad schema stops startup instead of failing per image.
/// </summary>
public static class SchemaSubset
{
    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "type", "description", "title", "properties", "required", "additionalProperties", "items", "enum",
        "minItems", "maxItems", "anyOf",
    };

    private static readonly Dictionary<string, SchemaType> Types = new(StringComparer.Ordinal)
    {
        ["object"] = SchemaType.Object,
        ["array"] = SchemaType.Array,
        ["string"] = SchemaType.String,
        ["number"] = SchemaType.Number,
        ["integer"] = SchemaType.Integer,
        ["boolean"] = SchemaType.Boolean,
    };

    /// <exception cref="InvalidDataException">The schema uses something outside the subset; the message names where.</exception>
    public static SchemaNode Parse(JsonElement schema)
    {
        var root = Node(schema, "#");
        if (root.Type != SchemaType.Object || root.Nullable)
        {
            throw Refuse("#", "the top level must be a non-nullable object, so its properties can become document fields");
        }

        return root;
    }

    private static SchemaNode Node(JsonElement schema, string path)
    {
        if (schema.ValueKind != JsonValueKind.Object)
        {
            throw Refuse(path, "a schema must be a JSON object");
        }

        foreach (var keyword in schema.EnumerateObject())
        {
            if (!Keywords.Contains(keyword.Name))
            {
                throw Refuse(path, $"the keyword '{keyword.Name}' is not supported (supported: {string.Join(", ", Keywords)})");
            }
        }

        if (schema.TryGetProperty("anyOf", out var anyOf))
        {
            return Nullable(schema, anyOf, path);
        }

        if (!schema.TryGetProperty("type", out var typeName) || typeName.ValueKind != JsonValueKind.String
            || !Types.TryGetValue(typeName.GetString()!, out var type))
        {
            throw Refuse(path, $"'type' must be one of {string.Join(", ", Types.Keys)} (use anyOf with {{\"type\": \"null\"}} for a nullable value)");
        }

        var node = new SchemaNode { Type = type };
        return type switch
        {
            SchemaType.Object => ObjectNode(schema, node, path),
            SchemaType.Array => ArrayNode(schema, node, path),
            SchemaType.String => StringNode(schema, node, path),
            _ => OnlyAnnotations(schema, node, path),
        };
    }

    private static SchemaNode Nullable(JsonElement schema, JsonElement anyOf, string path)
    {
        var options = anyOf.ValueKind == JsonValueKind.Array ? anyOf.EnumerateArray().ToList() : [];
        var nulls = options.Where(IsNullSchema).ToList();
        if (options.Count != 2 || nulls.Count != 1 || schema.EnumerateObject().Any(p => p.Name is not ("anyOf" or "description" or "title")))
        {
            throw Refuse(path, "anyOf is supported only to make a value nullable: exactly [ {schema}, {\"type\": \"null\"} ] beside an optional description");
        }

        var index = IsNullSchema(options[0]) ? 1 : 0;
        var inner = Node(options[index], $"{path}/anyOf/{index}");
        return inner.Nullable ? throw Refuse(path, "anyOf must not nest another nullable schema") : inner with { Nullable = true };
    }

    private static bool IsNullSchema(JsonElement option) =>
        option.ValueKind == JsonValueKind.Object
        && option.TryGetProperty("type", out var type)
        && type.ValueKind == JsonValueKind.String
        && type.GetString() == "null"
        && option.EnumerateObject().All(p => p.Name is "type" or "description");

    private static SchemaNode ObjectNode(JsonElement schema, SchemaNode node, string path)
    {
        if (!schema.TryGetProperty("properties", out var properties) || properties.ValueKind != JsonValueKind.Object
            || !properties.EnumerateObject().Any())
        {
            throw Refuse(path, "an object needs a non-empty 'properties' map");
        }

        if (!schema.TryGetProperty("additionalProperties", out var additional) || additional.ValueKind != JsonValueKind.False)
        {
            throw Refuse(path, "an object must say \"additionalProperties\": false");
        }

        var children = new List<KeyValuePair<string, SchemaNode>>();
        foreach (var property in properties.EnumerateObject())
        {
            if (property.Name.Length == 0 || property.Name.StartsWith("__", StringComparison.Ordinal))
            {
                throw Refuse(path, $"the property name '{property.Name}' cannot be a Firestore field name");
            }

            children.Add(new(property.Name, Node(property.Value, $"{path}/properties/{property.Name}")));
        }

        var required = schema.TryGetProperty("required", out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Select(r => r.ValueKind == JsonValueKind.String ? r.GetString()! : "").ToHashSet(StringComparer.Ordinal)
            : [];
        var missing = children.Select(c => c.Key).Where(k => !required.Contains(k)).ToList();
        if (missing.Count > 0 || required.Count != children.Count)
        {
            throw Refuse(path, $"'required' must list every property and nothing else (missing: {string.Join(", ", missing.DefaultIfEmpty("none"))})");
        }

        Disallow(schema, path, "items", "enum", "minItems", "maxItems");
        return node with { Properties = children };
    }

    private static SchemaNode ArrayNode(JsonElement schema, SchemaNode node, string path)
    {
        if (!schema.TryGetProperty("items", out var items))
        {
            throw Refuse(path, "an array needs an 'items' schema");
        }

        var item = Node(items, path + "/items");
        if (item.Type == SchemaType.Array)
        {
            throw Refuse(path, "an array cannot hold arrays directly (Firestore cannot store them); wrap the inner array in an object");
        }

        var min = Count(schema, "minItems", path);
        var max = Count(schema, "maxItems", path);
        if (min > max)
        {
            throw Refuse(path, "'minItems' is larger than 'maxItems'");
        }

        Disallow(schema, path, "properties", "required", "additionalProperties", "enum");
        return node with { Items = item, MinItems = min, MaxItems = max };
    }

    private static SchemaNode StringNode(JsonElement schema, SchemaNode node, string path)
    {
        Disallow(schema, path, "properties", "required", "additionalProperties", "items", "minItems", "maxItems");
        if (!schema.TryGetProperty("enum", out var values))
        {
            return node;
        }

        var choices = values.ValueKind == JsonValueKind.Array && values.GetArrayLength() > 0
            && values.EnumerateArray().All(v => v.ValueKind == JsonValueKind.String)
            ? values.EnumerateArray().Select(v => v.GetString()!).ToList()
            : throw Refuse(path, "'enum' must be a non-empty array of strings");
        return node with { Enum = choices };
    }

    private static SchemaNode OnlyAnnotations(JsonElement schema, SchemaNode node, string path)
    {
        Disallow(schema, path, "properties", "required", "additionalProperties", "items", "enum", "minItems", "maxItems");
        return node;
    }

    private static int? Count(JsonElement schema, string keyword, string path)
    {
        if (!schema.TryGetProperty(keyword, out var value))
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var count) && count >= 0
            ? count
            : throw Refuse(path, $"'{keyword}' must be a whole number of zero or more");
    }

    private static void Disallow(JsonElement schema, string path, params string[] keywords)
    {
        foreach (var keyword in keywords)
        {
            if (schema.TryGetProperty(keyword, out _))
            {
                throw Refuse(path, $"'{keyword}' does not apply to this type");
            }
        }
    }

    private static InvalidDataException Refuse(string path, string reason) => new($"At {path}: {reason}.");
}
