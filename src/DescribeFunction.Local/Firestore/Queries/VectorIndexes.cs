using System.Globalization;
using System.Text.Json.Nodes;

namespace DescribeFunction.Local.Firestore;

/// <summary>One field of a composite index: ordered, array-contains, or the vector field with its dimension.</summary>
public sealed record IndexField(string FieldPath, IndexFieldKind Kind, int Dimension = 0);

public enum IndexFieldKind
{
    Ordered,
    Contains,
    Vector,
}

/// <summary>A composite index on one collection group (collection scope), as <c>firestore.indexes.json</c> lists it.</summary>
public sealed record CompositeIndex(string CollectionGroup, IReadOnlyList<IndexField> Fields);

/// <summary>
/// Production Firestore's rule for vector search, which the emulator does not enforce: a <c>findNearest</c> runs only
/// with a composite index whose vector field has the query vector's dimension and whose other fields are exactly the
/// prefilter's fields (equality and range filters ordered, array filters CONTAINS). Without one the answer is
/// FAILED_PRECONDITION naming the <c>gcloud</c> command that creates it. Off unless a test or a runner sets
/// <see cref="DocumentStore.VectorIndexes"/>, so locally the stand-in answers as the emulator does.
/// </summary>
public sealed class VectorIndexes
{
    private readonly List<CompositeIndex> _indexes = [];
    private readonly Lock _lock = new();

    public IReadOnlyList<CompositeIndex> Indexes
    {
        get
        {
            lock (_lock)
            {
                return [.. _indexes];
            }
        }
    }

    /// <summary>The vector indexes of a <c>firestore.indexes.json</c> (the others are not needed for findNearest).</summary>
    /// <param name="json">The file's text.</param>
    /// <param name="collectionGroup">Deploy them for this collection instead of the one the file names.</param>
    public static VectorIndexes FromIndexFile(string json, string? collectionGroup = null)
    {
        var indexes = new VectorIndexes();
        var root = JsonNode.Parse(json) ?? throw new InvalidDataException("The index file is empty.");
        foreach (var index in root["indexes"]?.AsArray() ?? [])
        {
            var fields = index!["fields"]!.AsArray().Select(f => f!["vectorConfig"] is { } vector
                ? new IndexField((string)f["fieldPath"]!, IndexFieldKind.Vector, (int)vector["dimension"]!)
                : new IndexField((string)f["fieldPath"]!, f["arrayConfig"] is null ? IndexFieldKind.Ordered : IndexFieldKind.Contains)).ToList();
            if (fields.Any(f => f.Kind == IndexFieldKind.Vector))
            {
                indexes.Add(new CompositeIndex(collectionGroup ?? (string)index["collectionGroup"]!, fields));
            }
        }

        return indexes;
    }

    public void Add(CompositeIndex index)
    {
        ArgumentNullException.ThrowIfNull(index);
        lock (_lock)
        {
            _indexes.Add(index);
        }
    }

    /// <exception cref="ErrorResponseException">FAILED_PRECONDITION when no index serves the query.</exception>
    internal void Require(StructuredQuery query, FirestoreRoute route)
    {
        var nearest = query.Nearest!;
        var needed = (query.Where?.FieldFilters() ?? [])
            .Select(f => new IndexField(f.Field.Text, f.Op is FilterOperator.ArrayContains or FilterOperator.ArrayContainsAny ? IndexFieldKind.Contains : IndexFieldKind.Ordered))
            .Distinct()
            .ToList();
        var vector = new IndexField(nearest.VectorField.Text, IndexFieldKind.Vector, nearest.QueryVector.Length);
        if (!Indexes.Any(i => i.CollectionGroup == query.CollectionId && Serves(i, needed, vector)))
        {
            throw ErrorResponseException.FailedPrecondition(
                "Missing vector index configuration. Please create the required index with the following gcloud command: " + Command(route, query.CollectionId, needed, vector));
        }
    }

    private static bool Serves(CompositeIndex index, List<IndexField> needed, IndexField vector) =>
        index.Fields[^1] == vector && index.Fields.Count - 1 == needed.Count && needed.All(index.Fields.Contains);

    private static string Command(FirestoreRoute route, string collection, List<IndexField> needed, IndexField vector)
    {
        var database = route.DatabaseId == "(default)" ? "" : " --database=" + route.DatabaseId;
        var fields = needed.Select(f => f.Kind == IndexFieldKind.Contains
            ? $" --field-config=field-path={f.FieldPath},array-config=contains"
            : $" --field-config=field-path={f.FieldPath},order=ascending");
        var dimension = vector.Dimension.ToString(CultureInfo.InvariantCulture);
        return $"gcloud firestore indexes composite create --project={route.Project}{database} --collection-group={collection} --query-scope=COLLECTION"
            + string.Concat(fields)
            + $$""" --field-config=vector-config='{"dimension":"{{dimension}}","flat": "{}"}',field-path={{vector.FieldPath}}""";
    }
}
