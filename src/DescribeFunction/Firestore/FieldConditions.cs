using System.Text.Json;

namespace DescribeFunction.Firestore;

/// <summary>
/// One <c>where</c> condition of a query: a field path (a simple name, or <see cref="FieldPath.Join"/> for a nested or
/// unusual one), an operator as the REST API spells it, and a value.
/// </summary>
public sealed record FieldCondition(string Field, string Op, object? Value)
{
    public const string Equal = "EQUAL";
    public const string NotEqual = "NOT_EQUAL";
    public const string GreaterThanOrEqual = "GREATER_THAN_OR_EQUAL";
    public const string LessThan = "LESS_THAN";
    public const string ArrayContainsAny = "ARRAY_CONTAINS_ANY";
}

/// <summary>Writes a query's conditions as its <c>where</c>: one field filter alone, several under an AND.</summary>
internal static class FieldConditions
{
    public static void WriteWhere(Utf8JsonWriter w, IReadOnlyList<FieldCondition> conditions)
    {
        if (conditions.Count == 0)
        {
            return;
        }

        w.WriteStartObject("where");
        if (conditions.Count == 1)
        {
            WriteCondition(w, conditions[0]);
        }
        else
        {
            w.WriteStartObject("compositeFilter");
            w.WriteString("op", "AND");
            w.WriteStartArray("filters");
            foreach (var condition in conditions)
            {
                w.WriteStartObject();
                WriteCondition(w, condition);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndObject();
    }

    private static void WriteCondition(Utf8JsonWriter w, FieldCondition condition)
    {
        w.WriteStartObject("fieldFilter");
        w.WriteStartObject("field");
        w.WriteString("fieldPath", condition.Field);
        w.WriteEndObject();
        w.WriteString("op", condition.Op);
        w.WritePropertyName("value");
        FirestoreValue.Write(w, condition.Value);
        w.WriteEndObject();
    }
}
