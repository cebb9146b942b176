using DescribeFunction.Configuration;
using DescribeFunction.Embedding;
using DescribeFunction.Firestore;
using DescribeFunction.Store;

namespace DescribeFunction.FirestoreStore;

/// <summary>
/// The fields a vector leaves on a description document: <c>embedding</c> (a Firestore vector value) and <c>embedder</c>
/// {<c>model</c>, <c>dimensions</c>, <c>hash</c>}, or <c>embeddingError</c> {<c>code</c>, <c>message</c>} without a vector.
/// </summary>
internal static class EmbeddingFields
{
    public const string Model = "model";
    public const string Dimensions = DescriptionFields.EmbedderDimensions;
    public const string Hash = "hash";

    /// <summary>Sets what <paramref name="outcome"/> says and returns the fields to delete (the other case's, or all three when off).</summary>
    public static IEnumerable<string> AddTo(DocumentFields fields, EmbeddingOutcome? outcome)
    {
        ArgumentNullException.ThrowIfNull(fields);
        if (outcome is null)
        {
            // A re-description with embeddings off must not leave the old text's vector to be found.
            return [DescriptionFields.Embedding, DescriptionFields.Embedder, DescriptionFields.EmbeddingError];
        }

        if (outcome.Vector is { } vector)
        {
            fields.Set(DescriptionFields.Embedding, FirestoreVector.From(vector)).Set(DescriptionFields.Embedder, Identity(outcome.Identity));
            return [DescriptionFields.EmbeddingError];
        }

        fields.Set(DescriptionFields.EmbeddingError, DescriptionDocument.ErrorMap(outcome.ErrorCode, outcome.ErrorMessage));
        return [DescriptionFields.Embedding, DescriptionFields.Embedder];
    }

    public static DocumentFields Identity(EmbedderIdentity identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        return new DocumentFields().Set(Model, identity.Model).Set(Dimensions, (long)identity.Dimensions).Set(Hash, identity.Hash);
    }

    public static EmbedderIdentity? IdentityOf(DocumentFields? map) =>
        map?.GetString(Model) is { } model && map.GetInt64(Dimensions) is { } dimensions && map.GetString(Hash) is { } hash
            ? new EmbedderIdentity(model, (int)dimensions, hash)
            : null;

    /// <summary>One embedded image and its tokens, under the embedding model's day in the usage ledger.</summary>
    public static (string Model, DailyUsage Usage)? Usage(EmbeddingSettings settings, EmbeddingOutcome? outcome) =>
        outcome is { Embedded: true } && settings.EmbeddingModel is { } model
            ? (model, new DailyUsage(1, outcome.Tokens ?? 0, 0, 0, 0))
            : null;
}
