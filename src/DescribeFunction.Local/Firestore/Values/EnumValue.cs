using System.Text.Json;
using System.Text.Json.Nodes;

namespace DescribeFunction.Local.Firestore;

/// <summary>
/// A proto enum in a JSON request: its name, or its number. Proto JSON parsers take the number whatever
/// <c>$alt=json;enum-encoding=int</c> says (that parameter chooses how responses spell enums, and Firestore's
/// responses here carry none but <c>nullValue</c>, which is always <c>null</c>); an unknown number is kept, as
/// proto3 enums are open, and an unknown name is refused. An empty entry in <paramref name="names"/> stands for an
/// unused number.
/// </summary>
internal static class EnumValue
{
    public static int Parse(JsonNode? node, IReadOnlyList<string> names, string where)
    {
        switch (node?.GetValueKind())
        {
            case JsonValueKind.String when node.GetValue<string>().Length > 0 && names.IndexOf(node.GetValue<string>()) is var index and >= 0:
                return index;
            case JsonValueKind.Number when node.AsValue().TryGetValue<int>(out var number):
                return number;
            default:
                throw ErrorResponseException.InvalidArgument($"Payload isn't valid for request: {where} must be one of {string.Join(", ", names)} or its number.");
        }
    }

    private static int IndexOf(this IReadOnlyList<string> names, string name)
    {
        for (var i = 0; i < names.Count; i++)
        {
            if (names[i] == name)
            {
                return i;
            }
        }

        return -1;
    }
}
