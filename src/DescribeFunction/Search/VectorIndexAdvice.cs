using DescribeFunction.Configuration;

namespace DescribeFunction.Search;

/// <summary>
/// The <c>gcloud</c> command that creates the composite vector index a search needs: one per combination of
/// prefilters, each filtered field before the vector field, as Firestore requires.
/// </summary>
public static class VectorIndexAdvice
{
    public static string Command(StoreSettings store, EmbeddingSettings embedding, SearchOptions options)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(embedding);
        ArgumentNullException.ThrowIfNull(options);
        var fields = new List<string>();
        if (options.Status is not null)
        {
            fields.Add("--field-config=order=ASCENDING,field-path=status");
        }

        if (options.Labels.Count > 0)
        {
            fields.Add("--field-config=array-config=CONTAINS,field-path=labels");
        }

        if (options.Prefix is not null)
        {
            fields.Add("--field-config=order=ASCENDING,field-path=name");
        }

        fields.Add($$"""--field-config=field-path=embedding,vector-config='{"dimension":"{{embedding.EmbeddingDimensions}}","flat":"{}"}'""");
        var database = store.FirestoreDatabase == "(default)" ? "" : $" --database={store.FirestoreDatabase}";
        return $"gcloud firestore indexes composite create --collection-group={store.FirestoreCollection} --query-scope=COLLECTION{database} {string.Join(' ', fields)}";
    }
}
