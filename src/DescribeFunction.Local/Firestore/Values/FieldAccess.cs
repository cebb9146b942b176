using System.Text.Json.Nodes;

namespace DescribeFunction.Local.Firestore;

/// <summary>Reads and writes values at field paths inside a document's <c>fields</c> map, walking through <c>mapValue</c>s.</summary>
internal static class FieldAccess
{
    public static JsonObject? Get(JsonObject fields, ParsedFieldPath path)
    {
        var current = fields;
        for (var i = 0; i < path.Segments.Count; i++)
        {
            if (current[path.Segments[i]] is not JsonObject value)
            {
                return null;
            }

            if (i == path.Segments.Count - 1)
            {
                return value;
            }

            if (MapFields(value, create: false) is not { } next)
            {
                return null;
            }

            current = next;
        }

        return null;
    }

    /// <summary>Sets the value, creating maps on the way and replacing any non-map value that stands where a map must be.</summary>
    public static void Set(JsonObject fields, ParsedFieldPath path, JsonObject value)
    {
        var current = fields;
        for (var i = 0; i < path.Segments.Count - 1; i++)
        {
            var name = path.Segments[i];
            if (current[name] is not JsonObject child || MapFields(child, create: true) is not { } next)
            {
                child = new JsonObject { ["mapValue"] = new JsonObject() };
                current[name] = child;
                next = MapFields(child, create: true)!;
            }

            current = next;
        }

        current[path.Segments[^1]] = value;
    }

    public static void Remove(JsonObject fields, ParsedFieldPath path)
    {
        var current = fields;
        for (var i = 0; i < path.Segments.Count - 1; i++)
        {
            if (current[path.Segments[i]] is not JsonObject child || MapFields(child, create: false) is not { } next)
            {
                return;
            }

            current = next;
        }

        current.Remove(path.Segments[^1]);
    }

    /// <summary>Copies only the given paths (a read mask); paths that hold nothing are left out.</summary>
    public static JsonObject Project(JsonObject fields, IReadOnlyList<ParsedFieldPath> paths)
    {
        var result = new JsonObject();
        foreach (var path in paths)
        {
            if (Get(fields, path) is { } value)
            {
                Set(result, path, (JsonObject)value.DeepClone());
            }
        }

        return result;
    }

    /// <summary>The <c>fields</c> object of a map value, or null when the value is not a map.</summary>
    private static JsonObject? MapFields(JsonObject value, bool create)
    {
        if (value["mapValue"] is not JsonObject map)
        {
            return null;
        }

        if (map["fields"] is JsonObject inner)
        {
            return inner;
        }

        if (!create)
        {
            return null;
        }

        inner = [];
        map["fields"] = inner;
        return inner;
    }
}
