namespace DescribeFunction.Local.Firestore;

/// <summary>Every REST method the stand-in implements; a new one is a class of its own added here.</summary>
internal static class FirestoreMethods
{
    public static readonly IReadOnlyList<IFirestoreMethod> All =
    [
        new GetDocument(),
        new ListDocuments(),
        new CreateDocument(),
        new PatchDocument(),
        new DeleteDocument(),
        new Commit(),
        new BatchGet(),
        new RunQuery(),
        new RunAggregationQuery(),
        new BeginTransaction(),
        new Rollback(),
        new ListCollectionIds(),
    ];

    /// <summary>The verbs Firestore knows, so a known verb with the wrong HTTP method is 404 rather than 501.</summary>
    public static readonly IReadOnlySet<string> KnownVerbs = new HashSet<string>(StringComparer.Ordinal)
    {
        "commit", "batchGet", "runQuery", "runAggregationQuery", "beginTransaction", "rollback", "listCollectionIds",
        "batchWrite", "partitionQuery", "listen", "write",
    };
}
