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

    /// <summary>The verbs implemented here: one of them with the wrong HTTP method or target is 404, any other verb 501.</summary>
    public static readonly IReadOnlySet<string> ImplementedVerbs = new HashSet<string>(StringComparer.Ordinal)
    {
        "commit", "batchGet", "runQuery", "runAggregationQuery", "beginTransaction", "rollback", "listCollectionIds",
    };
}
