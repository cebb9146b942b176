namespace DescribeFunction.Local.Firestore;

/// <summary>
/// Runs a <see cref="StructuredQuery"/> over a database's documents below a parent: selects the collection (or the
/// collection group), filters, orders by the effective order (documents lacking an ordered field drop out), applies
/// the cursors, then offset and limit.
/// </summary>
internal static class QueryRunner
{
    public sealed record Result(IReadOnlyList<QueryDocument> Documents, int Skipped)
    {
        /// <summary>The documents' paths below the database's <c>documents</c>, as the store keys them (for transaction locks).</summary>
        public IEnumerable<string> Keys(string database) => Documents.Select(d => d.Name[(database.Length + "/documents/".Length)..]);
    }

    public static Result Run(StructuredQuery query, DocumentPath parent, IEnumerable<KeyValuePair<string, StoredDocument>> documents)
    {
        var prefix = parent.Segments.Count == 0 ? "" : parent.Relative + "/";
        if (query.Nearest is { } nearest)
        {
            // The emulator ignores orderBy beside findNearest: the filters are the prefilter, distance is the order.
            var kept = documents
                .Where(d => d.Key.StartsWith(prefix, StringComparison.Ordinal) && InCollection(d.Key[prefix.Length..], query))
                .Select(d => new QueryDocument($"{parent.Database}/documents/{d.Key}", d.Value))
                .Where(d => query.Where?.Matches(d) ?? true);
            return new Result([.. nearest.Rank(kept).Select(r => nearest.WithDistance(r.Document, r.Distance))], 0);
        }

        var order = query.EffectiveOrder();
        var candidates = documents
            .Where(d => d.Key.StartsWith(prefix, StringComparison.Ordinal) && InCollection(d.Key[prefix.Length..], query))
            .Select(d => new QueryDocument($"{parent.Database}/documents/{d.Key}", d.Value))
            .Where(d => query.Where?.Matches(d) ?? true)
            .Where(d => order.All(o => d.Value(o.Field) is not null))
            .ToList();
        candidates.Sort((a, b) => CompareByOrder(a, b, order));
        var inRange = candidates
            .Where(d => query.StartAt is not { } start || CompareToCursor(d, start, order) is var c && (c > 0 || (c == 0 && start.Before)))
            .Where(d => query.EndAt is not { } end || CompareToCursor(d, end, order) is var c && (c < 0 || (c == 0 && !end.Before)))
            .ToList();
        var skipped = Math.Min(query.Offset, inRange.Count);
        var page = inRange.Skip(skipped).Take(query.Limit ?? int.MaxValue).ToList();
        return new Result(page, skipped);
    }

    /// <summary>The document's path below the parent names a document of the queried collection (at any depth for a collection group).</summary>
    private static bool InCollection(string relative, StructuredQuery query)
    {
        var segments = relative.Split('/');
        return segments.Length >= 2 && segments.Length % 2 == 0 && segments[^2] == query.CollectionId
            && (query.AllDescendants || segments.Length == 2);
    }

    private static int CompareByOrder(QueryDocument a, QueryDocument b, IReadOnlyList<QueryOrder> order)
    {
        foreach (var o in order)
        {
            var c = ValueOrder.Compare(a.Value(o.Field)!, b.Value(o.Field)!);
            if (c != 0)
            {
                return o.Descending ? -c : c;
            }
        }

        return 0;
    }

    /// <summary>The document's position relative to a cursor, over the cursor's values only (a prefix of the order).</summary>
    private static int CompareToCursor(QueryDocument document, QueryCursor cursor, IReadOnlyList<QueryOrder> order)
    {
        for (var i = 0; i < cursor.Values.Count; i++)
        {
            var c = ValueOrder.Compare(document.Value(order[i].Field)!, cursor.Values[i]);
            if (c != 0)
            {
                return order[i].Descending ? -c : c;
            }
        }

        return 0;
    }
}
