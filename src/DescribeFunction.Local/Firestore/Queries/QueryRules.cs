namespace DescribeFunction.Local.Firestore;

/// <summary>Firestore's rules for a query, checked before it runs; a query that breaks one is INVALID_ARGUMENT, as the emulator answers.</summary>
internal static class QueryRules
{
    public const int MaxDisjunctionValues = 30;

    public static void Check(StructuredQuery query, string database)
    {
        ResourceIds.Validate(query.CollectionId, "collection");
        if (query.Offset < 0 || query.Limit < 0)
        {
            throw ErrorResponseException.InvalidArgument("offset and limit must not be negative.");
        }

        if (query.Nearest is not null)
        {
            CheckNearest(query);
        }

        var filters = query.Where?.FieldFilters().ToList() ?? [];
        foreach (var filter in filters)
        {
            CheckFilter(filter, database);
        }

        if (filters.Count(f => f.Op == FilterOperator.NotIn) > 1
            || (filters.Any(f => f.Op == FilterOperator.NotIn) && filters.Any(f => f.Op == FilterOperator.NotEqual)))
        {
            throw ErrorResponseException.InvalidArgument("A query may use at most one NOT_IN filter, and not together with NOT_EQUAL.");
        }

        // The emulator refuses a scan that starts descending by key, but takes __name__ descending after another
        // order (the tie-breaker a newest-first page cursor needs).
        if (query.ExplicitOrder.Count > 0 && query.ExplicitOrder[0] is { IsName: true, Descending: true })
        {
            throw ErrorResponseException.FailedPrecondition("Firestore does not support descending key scans");
        }

        // The emulator counts only the explicit orderBy: a cursor naming a document must order by __name__ explicitly,
        // as the client libraries do for startAfter(snapshot).
        var order = query.EffectiveOrder();
        foreach (var cursor in new[] { query.StartAt, query.EndAt })
        {
            if (cursor is not null && cursor.Values.Count > query.ExplicitOrder.Count)
            {
                throw ErrorResponseException.InvalidArgument("Cursor has too many values.");
            }

            for (var i = 0; cursor is not null && i < cursor.Values.Count; i++)
            {
                if (order[i].IsName)
                {
                    CheckNameValue(cursor.Values[i], query, database);
                }
            }
        }
    }

    /// <summary>findNearest brings its own limit and order: the query's limit, offset and cursors are refused, as the emulator does.</summary>
    private static void CheckNearest(StructuredQuery query)
    {
        if (query.Limit is not null)
        {
            throw ErrorResponseException.InvalidArgument("A query limit cannot be used with FindNearest");
        }

        if (query.Offset > 0)
        {
            throw ErrorResponseException.InvalidArgument("A query offset cannot be used with FindNearest");
        }

        if (query.StartAt is not null || query.EndAt is not null)
        {
            throw ErrorResponseException.InvalidArgument("A cursor cannot be used with FindNearest");
        }
    }

    private static void CheckFilter(FieldFilter filter, string database)
    {
        var value = filter.Value;
        switch (filter.Op)
        {
            case FilterOperator.In or FilterOperator.NotIn or FilterOperator.ArrayContainsAny:
                var count = value!.ContainsKey("arrayValue") ? ValueOrder.Elements(value).Count : -1;
                if (count is < 1 or > MaxDisjunctionValues)
                {
                    throw ErrorResponseException.InvalidArgument($"{filter.Op} needs a non-empty array of at most {MaxDisjunctionValues} values.");
                }

                break;
        }

        if (filter.Field.Segments is ["__name__"] && value is not null && filter.Op is not (FilterOperator.In or FilterOperator.NotIn)
            && !value.ContainsKey("referenceValue"))
        {
            throw ErrorResponseException.InvalidArgument("A filter on __name__ must compare with a referenceValue.");
        }
    }

    private static void CheckNameValue(System.Text.Json.Nodes.JsonObject value, StructuredQuery query, string database)
    {
        if (value["referenceValue"]?.GetValue<string>() is not { } name || !name.StartsWith(database + "/documents/", StringComparison.Ordinal))
        {
            throw ErrorResponseException.InvalidArgument("A cursor value for __name__ must be a document name in the queried database.");
        }

        var segments = name.Split('/');
        if (!query.AllDescendants && segments[^2] != query.CollectionId)
        {
            throw ErrorResponseException.InvalidArgument("A cursor value for __name__ must name a document in the queried collection.");
        }
    }
}
