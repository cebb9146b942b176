using System.Text.Json.Nodes;

namespace DescribeFunction.Local.Firestore;

/// <summary><c>POST …/documents[/{document}]:runAggregationQuery</c>: count, sum and avg over a query's results, as one streamed result.</summary>
internal sealed class RunAggregationQuery : IFirestoreMethod
{
    public bool Serves(string httpMethod, string? verb, FirestoreTarget target) =>
        HttpMethods.IsPost(httpMethod) && verb == "runAggregationQuery" && target != FirestoreTarget.Collection;

    public Task<JsonNode> InvokeAsync(FirestoreRequest request, CancellationToken cancellationToken)
    {
        var body = request.BodyObject("structuredAggregationQuery", "transaction", "newTransaction", "readTime", "explainOptions");
        if (body["structuredAggregationQuery"] is not JsonObject aggregationQuery
            || aggregationQuery.Any(p => p.Key is not ("structuredQuery" or "aggregations")))
        {
            throw ErrorResponseException.InvalidArgument("runAggregationQuery needs a structuredAggregationQuery {\"structuredQuery\", \"aggregations\"}.");
        }

        var query = StructuredQuery.Parse(aggregationQuery["structuredQuery"], request.Database);
        var aggregations = Aggregation.ParseAll(aggregationQuery["aggregations"]);
        var (transaction, isNew) = ReadConsistency.Resolve(request, body);
        var matched = QueryRunner.Run(query, request.Path, request.Store.Documents(request.Database));
        request.Store.RecordReads(request.Database, transaction, matched.Keys(request.Database));
        var documents = matched.Documents;
        var fields = new JsonObject();
        foreach (var aggregation in aggregations)
        {
            fields[aggregation.Alias] = aggregation.Compute(documents);
        }

        var result = new JsonObject
        {
            ["result"] = new JsonObject { ["aggregateFields"] = fields },
            ["readTime"] = StoredTimestamp.Format(request.Store.ReadTime()),
            ["done"] = true,
        };
        if (isNew)
        {
            result["transaction"] = transaction;
        }

        return Task.FromResult<JsonNode>(new JsonArray(result));
    }
}
