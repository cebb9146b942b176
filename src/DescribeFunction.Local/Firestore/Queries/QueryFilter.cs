using System.Text.Json.Nodes;

namespace DescribeFunction.Local.Firestore;

/// <summary>
/// A query's <c>where</c>, evaluated as Firestore does: a field filter only matches documents that have the field
/// with a value of the filter value's type (integers and doubles being one type, "number"); NOT_EQUAL, NOT_IN and IS_NOT_NAN
/// also leave out null; comparisons with NaN are false.
/// </summary>
internal abstract record QueryFilter
{
    public abstract bool Matches(QueryDocument document);

    /// <summary>The fields this filter compares by inequality, which the query must order by first.</summary>
    public abstract IEnumerable<ParsedFieldPath> InequalityFields();

    public abstract IEnumerable<FieldFilter> FieldFilters();
}

internal enum FilterOperator
{
    LessThan = 1,
    LessThanOrEqual = 2,
    GreaterThan = 3,
    GreaterThanOrEqual = 4,
    Equal = 5,
    NotEqual = 6,
    ArrayContains = 7,
    In = 8,
    ArrayContainsAny = 9,
    NotIn = 10,
    IsNaN = 102,
    IsNull = 103,
    IsNotNaN = 104,
    IsNotNull = 105,
}

internal sealed record FieldFilter(ParsedFieldPath Field, FilterOperator Op, JsonObject? Value) : QueryFilter
{
    public bool IsInequality => Op is FilterOperator.LessThan or FilterOperator.LessThanOrEqual or FilterOperator.GreaterThan
        or FilterOperator.GreaterThanOrEqual or FilterOperator.NotEqual or FilterOperator.NotIn or FilterOperator.IsNotNull or FilterOperator.IsNotNaN;

    public override IEnumerable<ParsedFieldPath> InequalityFields() =>
        IsInequality ? [Field] : [];

    public override IEnumerable<FieldFilter> FieldFilters() => [this];

    public override bool Matches(QueryDocument document)
    {
        if (document.Value(Field) is not { } actual)
        {
            return false;
        }

        return Op switch
        {
            FilterOperator.IsNull => actual.ContainsKey("nullValue"),
            FilterOperator.IsNotNull => !actual.ContainsKey("nullValue"),
            FilterOperator.IsNaN => ValueOrder.IsNaN(actual),
            FilterOperator.IsNotNaN => !actual.ContainsKey("nullValue") && !ValueOrder.IsNaN(actual),
            FilterOperator.Equal => Equal(actual, Value!),
            FilterOperator.NotEqual => !actual.ContainsKey("nullValue") && !Equal(actual, Value!),
            FilterOperator.In => Elements(Value!).Any(v => Equal(actual, v)),
            FilterOperator.NotIn => !actual.ContainsKey("nullValue") && !Elements(Value!).Any(v => Equal(actual, v)),
            FilterOperator.ArrayContains => actual.ContainsKey("arrayValue") && Elements(actual).Any(e => Equal(e, Value!)),
            FilterOperator.ArrayContainsAny => actual.ContainsKey("arrayValue") && Elements(actual).Any(e => Elements(Value!).Any(v => Equal(e, v))),
            _ => Compare(actual, Value!),
        };
    }

    private bool Compare(JsonObject actual, JsonObject expected)
    {
        if (!SameType(actual, expected) || ValueOrder.IsNaN(actual) || ValueOrder.IsNaN(expected))
        {
            return false;
        }

        var order = ValueOrder.Compare(actual, expected);
        return Op switch
        {
            FilterOperator.LessThan => order < 0,
            FilterOperator.LessThanOrEqual => order <= 0,
            FilterOperator.GreaterThan => order > 0,
            _ => order >= 0,
        };
    }

    private static bool Equal(JsonObject actual, JsonObject expected) =>
        SameType(actual, expected) && !ValueOrder.IsNaN(actual) && ValueOrder.AreEqual(actual, expected);

    private static bool SameType(JsonObject a, JsonObject b) =>
        ValueOrder.TypeRank(a.First().Key) == ValueOrder.TypeRank(b.First().Key);

    private static IEnumerable<JsonObject> Elements(JsonObject array) => ValueOrder.Elements(array).Select(e => (JsonObject)e!);
}

internal sealed record CompositeFilter(bool IsOr, IReadOnlyList<QueryFilter> Filters) : QueryFilter
{
    public override bool Matches(QueryDocument document) =>
        IsOr ? Filters.Any(f => f.Matches(document)) : Filters.All(f => f.Matches(document));

    public override IEnumerable<ParsedFieldPath> InequalityFields() => Filters.SelectMany(f => f.InequalityFields());

    public override IEnumerable<FieldFilter> FieldFilters() => Filters.SelectMany(f => f.FieldFilters());
}

/// <summary>A document as a query sees it: its full name, its fields, and <c>__name__</c> as a reference value.</summary>
internal sealed record QueryDocument(string Name, StoredDocument Stored)
{
    public JsonObject? Value(ParsedFieldPath field) =>
        field.Segments is ["__name__"] ? new JsonObject { ["referenceValue"] = Name } : FieldAccess.Get(Stored.Fields, field);
}
