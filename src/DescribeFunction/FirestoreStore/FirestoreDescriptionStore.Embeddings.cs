using DescribeFunction.Embedding;
using DescribeFunction.Firestore;
using DescribeFunction.Store;

namespace DescribeFunction.FirestoreStore;

/// <summary>
/// Re-embedding: a new vector written beside a stored description, conditional on the document's update time, so a
/// description that changed since the read keeps its own vector. <c>updatedAt</c> is left alone: the description did
/// not change, and readers that sort by recency should not see every re-embedded image as new.
/// </summary>
public sealed partial class FirestoreDescriptionStore : IEmbeddingStore
{
    public Task<IReadOnlyList<EmbeddingCandidate?>> GetEmbeddingCandidatesAsync(IReadOnlyList<string> objectNames, CancellationToken cancellationToken) =>
        GuardAsync(async () =>
        {
            ArgumentNullException.ThrowIfNull(objectNames);
            var documents = await firestore.BatchGetAsync(objectNames.Select(n => (Collection, DocumentId.FromObjectName(n))), cancellationToken);
            return (IReadOnlyList<EmbeddingCandidate?>)[.. documents.Select((d, i) => CandidateOf(objectNames[i], d))];
        });

    public Task<bool> StoreEmbeddingAsync(EmbeddingCandidate candidate, EmbeddingOutcome outcome, CancellationToken cancellationToken) =>
        GuardAsync(async () =>
        {
            ArgumentNullException.ThrowIfNull(candidate);
            ArgumentNullException.ThrowIfNull(outcome);
            var fields = new DocumentFields();
            var deleted = EmbeddingFields.AddTo(fields, outcome).ToArray();
            var mask = fields.Keys.Concat(deleted).Select(FieldPath.Quote).ToArray();
            var write = FirestoreWrite.Update(Collection, candidate.DocumentId, fields, FirestorePrecondition.UpdateTime(candidate.Version), updateMask: mask);
            FirestoreWrite[] writes = EmbeddingFields.Usage(embeddingSettings, outcome) is { } usage ? [write, UsageWrite(usage.Model, usage.Usage)] : [write];
            // The writes are built once, so every try counts the usage on the same ledger shard.
            return await _commits.CommitAsync(() => writes, _ => true, () => EmbeddingLandedAsync(candidate, outcome, cancellationToken), cancellationToken);
        });

    private async Task<bool> EmbeddingLandedAsync(EmbeddingCandidate candidate, EmbeddingOutcome outcome, CancellationToken cancellationToken)
    {
        var fields = (await firestore.GetAsync(Collection, candidate.DocumentId, cancellationToken))?.Fields;
        return fields is not null && outcome.Embedded
            && EmbeddingFields.IdentityOf(fields.GetMap(DescriptionFields.Embedder)) == outcome.Identity
            && fields.GetString(DescriptionFields.Description) == candidate.Description;
    }

    private static EmbeddingCandidate? CandidateOf(string objectName, FirestoreDocument? document) => document?.Fields is not { } fields ? null : new EmbeddingCandidate(
        objectName,
        document.Id,
        document.UpdateTimeRaw,
        fields.GetString(DescriptionFields.Status),
        fields.GetString(DescriptionFields.Description),
        fields.GetString(DescriptionFields.AltText),
        StructuredFields.LabelsOf(fields),
        EmbeddingFields.IdentityOf(fields.GetMap(DescriptionFields.Embedder)),
        fields.ContainsKey(DescriptionFields.Embedding));
}
