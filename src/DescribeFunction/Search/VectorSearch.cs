using DescribeFunction.CommandLine;
using DescribeFunction.Configuration;
using DescribeFunction.Embedding;
using DescribeFunction.Firestore;
using DescribeFunction.GoogleCloud;
using DescribeFunction.Store;

namespace DescribeFunction.Search;

/// <summary>
/// One semantic search: the query vector (the query embedded as <c>RETRIEVAL_QUERY</c>, or a stored vector for
/// <c>--like</c>), then <c>findNearest</c> on <c>embedding</c> with COSINE distance and the options as prefilters.
/// </summary>
public sealed class VectorSearch(FirestoreClient firestore, IEmbeddingClient embedder, StoreSettings store, EmbeddingSettings embedding)
{
    /// <summary>
    /// The search of these settings, with the clients the function itself would make: its Google Cloud context, its
    /// Firestore database and its embedding endpoint. Used by the command and by the local gallery.
    /// </summary>
    /// <exception cref="UsageException">EMBEDDING_MODEL is blank, so nothing was embedded to search.</exception>
    public static async Task<VectorSearch> CreateAsync(FunctionSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (!settings.Embedding.EmbeddingsOn)
        {
            throw new UsageException("Search needs EMBEDDING_MODEL set (in function.yaml or the environment) to the model the descriptions were embedded with.");
        }

        var google = await GoogleCloudContextLoader.LoadAsync(settings, cancellationToken);
        var firestore = FirestoreClient.Create(google.ProjectId, settings.Store.FirestoreDatabase, settings.Cloud.FirestoreEmulatorHost, google.Credential);
        var embedder = EmbeddingClientFactory.Create(settings.Embedding, settings.Model, google.ProjectId, google.Credential)!;
        return new VectorSearch(firestore, embedder, settings.Store, settings.Embedding);
    }

    public async Task<IReadOnlyList<SearchResult>> RunAsync(SearchOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var vector = options.Like is { } like
            ? await StoredVectorAsync(like, cancellationToken)
            : FirestoreVector.From((await embedder.EmbedAsync(options.Query!, EmbeddingTask.Query, cancellationToken)).Vector);
        // "More like this" finds the image itself first; ask for one more and leave it out.
        var query = new NearestQuery(store.FirestoreCollection, DescriptionFields.Embedding, vector, Math.Min(NearestQuery.MaxLimit, options.Limit + (options.Like is null ? 0 : 1)))
        {
            DistanceMeasure = "COSINE",
            DistanceResultField = SearchResult.DistanceField,
            DistanceThreshold = options.MaxDistance,
            Conditions = Conditions(options),
            // Only what a result shows: whole documents would carry their own vectors back, about 30 KB each.
            Select = SearchResult.Fields,
        };
        var documents = await firestore.FindNearestAsync(query, cancellationToken);
        return [.. documents.Select(SearchResult.From).Where(r => r.Name != options.Like).Take(options.Limit)];
    }

    /// <summary>
    /// How many stored vectors have another length than <c>EMBEDDING_DIMENSIONS</c>, going by their <c>embedder</c>:
    /// no vector index holds them, so no search finds them; the command reports them rather than skip them silently.
    /// </summary>
    public Task<long> CountOtherLengthsAsync(CancellationToken cancellationToken) =>
        firestore.CountAsync(store.FirestoreCollection,
            [new FieldCondition(FieldPath.Join(DescriptionFields.Embedder, DescriptionFields.EmbedderDimensions), FieldCondition.NotEqual, (long)embedding.EmbeddingDimensions)],
            cancellationToken);

    /// <summary>The prefilters: the name range for a prefix, any of the labels, the status.</summary>
    public static IReadOnlyList<FieldCondition> Conditions(SearchOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var conditions = new List<FieldCondition>();
        if (options.Status is { } status)
        {
            conditions.Add(new FieldCondition(DescriptionFields.Status, FieldCondition.Equal, status));
        }

        if (options.Labels.Count > 0)
        {
            conditions.Add(new FieldCondition(DescriptionFields.Labels, FieldCondition.ArrayContainsAny, options.Labels.ToArray()));
        }

        if (options.Prefix is { Length: > 0 } prefix)
        {
            conditions.Add(new FieldCondition(DescriptionFields.Name, FieldCondition.GreaterThanOrEqual, prefix));
            if (NamePrefix.UpperBound(prefix) is { } bound)
            {
                conditions.Add(new FieldCondition(DescriptionFields.Name, FieldCondition.LessThan, bound));
            }
        }

        return conditions;
    }

    private async Task<FirestoreVector> StoredVectorAsync(string objectName, CancellationToken cancellationToken)
    {
        var document = await firestore.GetAsync(store.FirestoreCollection, DocumentId.FromObjectName(objectName), cancellationToken)
            ?? throw new UsageException($"No description is stored for {objectName}, so there is nothing to find more like it.");
        var vector = document.Fields.GetVector(DescriptionFields.Embedding)
            ?? throw new UsageException($"The description of {objectName} has no embedding yet; run DescribeFunction backfill --reembed missing to add it.");
        return vector.Values.Count == embedding.EmbeddingDimensions
            ? vector
            : throw new UsageException($"The stored embedding of {objectName} has {vector.Values.Count} dimensions, but EMBEDDING_DIMENSIONS is {embedding.EmbeddingDimensions}; run DescribeFunction backfill --reembed stale.");
    }
}
