using System.Text.Json;
using System.Text.Json.Nodes;

namespace DescribeFunction.Local.Describer;

/// <summary>
/// Answers a <c>response_format</c> <c>json_schema</c> request with an object that validates against the schema,
/// filled from the measured facts: the known properties of the function's default schema (<c>description</c>,
/// <c>altText</c>, <c>labels</c>, <c>visibleText</c>, <c>containsPeople</c>) say what the describer can tell, and any
/// other property gets a value of its type (an enum's first choice, the alt text for a string, zero, false, the
/// fewest items allowed). Deterministic: the same image and schema always give the same JSON.
/// </summary>
internal static class StructuredComposer
{
    private const int MaxLabels = 10;

    public static string Compose(JsonObject schema, ImageFacts image, string prose)
    {
        var facts = new Facts(prose, AltText(image), Labels(image), image);
        // An empty schema (json_object) gets the prose alone.
        var value = schema.Count == 0 ? new JsonObject { ["description"] = prose } : Fill(schema, name: null, facts);
        return value?.ToJsonString() ?? "null";
    }

    /// <summary>One sentence, far below the 125 characters alt text may have.</summary>
    public static string AltText(ImageFacts image)
    {
        var colors = image.DominantColors.Take(3).ToList();
        var palette = colors.Count switch
        {
            0 => "",
            1 => $" in {colors[0]}",
            _ => $" in {string.Join(", ", colors.Take(colors.Count - 1))} and {colors[^1]}",
        };
        return $"A {image.Orientation} {Kind(image)}{palette}.";
    }

    /// <summary>What the describer can tell: the orientation, the dominant colours, photo or graphic, the camera.</summary>
    public static IReadOnlyList<string> Labels(ImageFacts image)
    {
        var labels = new List<string> { Kind(image), image.Orientation };
        if (image.FrameCount > 1)
        {
            labels.Add("animation");
        }

        labels.AddRange(image.DominantColors);
        if (image.Camera.Device is { } device)
        {
            labels.Add(device);
        }

        return [.. labels.Select(l => l.ToLowerInvariant()).Distinct(StringComparer.Ordinal).Take(MaxLabels)];
    }

    // A camera or a photographic format says photo; everything else (screenshots, drawings, icons) says graphic.
    private static string Kind(ImageFacts image) =>
        image.Camera.Device is not null || image.Format is "JPEG" or "HEIF" or "AVIF" ? "photo" : "graphic";

    private static JsonNode? Fill(JsonNode? schema, string? name, Facts facts)
    {
        if (schema is not JsonObject node)
        {
            return null;
        }

        if (node["anyOf"] is JsonArray options)
        {
            // Nullable: the describer always has a value, so it takes the non-null option.
            var option = options.FirstOrDefault(o => TypeOf(o) != "null") ?? options.FirstOrDefault();
            return Fill(option, name, facts);
        }

        return TypeOf(node) switch
        {
            "object" => FillObject(node, facts),
            "array" => FillArray(node, name, facts),
            "string" => FillString(node, name, facts),
            "integer" => name switch
            {
                "width" => facts.Image.Width,
                "height" => facts.Image.Height,
                _ => 0,
            },
            "number" => 0,
            "boolean" => false,
            _ => null,
        };
    }

    private static JsonObject FillObject(JsonObject schema, Facts facts)
    {
        var result = new JsonObject();
        if (schema["properties"] is JsonObject properties)
        {
            foreach (var (property, child) in properties)
            {
                result[property] = Fill(child, property, facts);
            }
        }

        return result;
    }

    private static JsonArray FillArray(JsonObject schema, string? name, Facts facts)
    {
        var min = Count(schema["minItems"]) ?? 1;
        var max = Count(schema["maxItems"]) ?? int.MaxValue;
        var items = schema["items"];
        if (name == "labels" && TypeOf(items) == "string" && items?["enum"] is null)
        {
            var labels = facts.Labels.Take(max).ToList();
            while (labels.Count < min)
            {
                labels.Add("image " + (labels.Count + 1));
            }

            return [.. labels.Select(l => (JsonNode)l)];
        }

        return [.. Enumerable.Range(0, Math.Min(Math.Max(min, 1), max)).Select(_ => Fill(items, name, facts))];
    }

    private static JsonNode FillString(JsonObject schema, string? name, Facts facts)
    {
        if (schema["enum"] is JsonArray { Count: > 0 } choices)
        {
            return choices[0]!.DeepClone();
        }

        return name switch
        {
            "description" => facts.Prose,
            "visibleText" => "",
            _ => facts.AltText,
        };
    }

    /// <summary>The first non-null type, whether <c>type</c> is a string or a list.</summary>
    private static string? TypeOf(JsonNode? schema) => schema?["type"] switch
    {
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        JsonArray types => types.Select(t => t?.GetValue<string>()).FirstOrDefault(t => t != "null"),
        null when schema?["properties"] is JsonObject => "object",
        _ => null,
    };

    private static int? Count(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<int>(out var n) ? n : null;

    private sealed record Facts(string Prose, string AltText, IReadOnlyList<string> Labels, ImageFacts Image);
}
