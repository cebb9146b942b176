using System.Text.Json.Nodes;

namespace DescribeFunction.Local.Firestore;

/// <summary>
/// The consistency selector of batchGet, runQuery and runAggregationQuery: an existing <c>transaction</c>, a
/// <c>newTransaction</c> begun for the read (its id is the answer's first element), or neither.
/// </summary>
internal static class ReadConsistency
{
    public static (string? Transaction, bool IsNew) Resolve(FirestoreRequest request, JsonObject body)
    {
        FirestoreRequest.RefuseReadTime(body.ContainsKey("readTime"));
        var existing = FirestoreRequest.Text(body["transaction"], "transaction");
        if (body["newTransaction"] is not { } options)
        {
            return (existing, false);
        }

        if (existing is not null)
        {
            throw ErrorResponseException.InvalidArgument("A read may name a transaction or begin a new one, not both.");
        }

        // A read's new transaction without a mode is read-only, as the emulator begins it (beginTransaction's default is read-write).
        var mode = options is JsonObject { Count: 0 } ? new JsonObject { ["readOnly"] = new JsonObject() } : options;
        return (BeginTransaction.Begin(request, mode), true);
    }
}
