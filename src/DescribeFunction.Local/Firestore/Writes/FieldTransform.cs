using System.Text.Json;
using System.Text.Json.Nodes;

namespace DescribeFunction.Local.Firestore;

internal enum TransformKind
{
    RequestTime,
    Increment,
    Maximum,
    Minimum,
    AppendMissingElements,
    RemoveAllFromArray,
}

/// <summary>
/// One <c>FieldTransform</c> of a write (<c>updateTransforms</c> or the stand-alone <c>transform</c>): the field, what
/// to do, and its normalized operand (a number for increment/maximum/minimum, the elements for the array transforms).
/// </summary>
internal sealed record FieldTransform(ParsedFieldPath Path, TransformKind Kind, JsonObject? Operand, IReadOnlyList<JsonObject> Elements)
{
    private const string ServerValueMissing = "ServerValue type must be specified for set_to_server_value transformation.";

    public static List<FieldTransform> ParseAll(JsonNode? node, string where, bool requireSome)
    {
        if (node is null)
        {
            return requireSome ? throw ErrorResponseException.InvalidArgument("The list of FieldTransform must not be empty.") : [];
        }

        if (node is not JsonArray transforms)
        {
            throw ErrorResponseException.InvalidArgument($"{where} must be an array.");
        }

        if (requireSome && transforms.Count == 0)
        {
            throw ErrorResponseException.InvalidArgument("The list of FieldTransform must not be empty.");
        }

        return [.. transforms.Select((t, i) => Parse(t, $"{where}[{i}]"))];
    }

    private static FieldTransform Parse(JsonNode? node, string where)
    {
        if (node is not JsonObject transform || transform["fieldPath"]?.GetValueKind() != JsonValueKind.String
            || transform.Any(p => p.Key is not ("fieldPath" or "setToServerValue" or "increment" or "maximum" or "minimum" or "appendMissingElements" or "removeAllFromArray")))
        {
            throw ErrorResponseException.InvalidArgument($"{where} must be {{\"fieldPath\", <one transform>}}.");
        }

        var path = ParsedFieldPath.Parse(transform["fieldPath"]!.GetValue<string>());
        var operations = transform.Where(p => p.Key != "fieldPath").ToList();
        if (operations.Count == 0)
        {
            throw ErrorResponseException.InvalidArgument("Operation type must be specified for field transformation.");
        }

        if (operations.Count > 1)
        {
            throw ErrorResponseException.InvalidArgument($"Payload isn't valid for request: {where} names more than one transform.");
        }

        var (kind, operand) = operations[0];
        return kind switch
        {
            "setToServerValue" => ServerValue(operand, path, where),
            "increment" => new(path, TransformKind.Increment, Number(operand, $"{where}.increment"), []),
            "maximum" => new(path, TransformKind.Maximum, Number(operand, $"{where}.maximum"), []),
            "minimum" => new(path, TransformKind.Minimum, Number(operand, $"{where}.minimum"), []),
            "appendMissingElements" => new(path, TransformKind.AppendMissingElements, null, ArrayElements(operand, $"{where}.appendMissingElements")),
            _ => new(path, TransformKind.RemoveAllFromArray, null, ArrayElements(operand, $"{where}.removeAllFromArray")),
        };
    }

    /// <summary>
    /// <c>REQUEST_TIME</c> by name or by number: proto JSON parsers accept an enum's number whatever the
    /// <c>enum-encoding</c>, and the Node.js client sends <c>1</c> under <c>$alt=json;enum-encoding=int</c>.
    /// </summary>
    private static FieldTransform ServerValue(JsonNode? operand, ParsedFieldPath path, string where)
    {
        return EnumValue.Parse(operand, ["SERVER_VALUE_UNSPECIFIED", "REQUEST_TIME"], $"{where}.setToServerValue") == 1
            ? new(path, TransformKind.RequestTime, null, [])
            : throw ErrorResponseException.InvalidArgument(ServerValueMissing);
    }

    private static JsonObject Number(JsonNode? operand, string where)
    {
        var value = ValueNormalizer.Normalize(operand, where);
        return ValueOrder.IsNumber(value) ? value : throw ErrorResponseException.InvalidArgument("Input must be int64 or double.");
    }

    private static List<JsonObject> ArrayElements(JsonNode? operand, string where)
    {
        var array = ValueNormalizer.Normalize(new JsonObject { ["arrayValue"] = operand?.DeepClone() }, where);
        return [.. ValueOrder.Elements(array).Select(e => (JsonObject)e!)];
    }
}
