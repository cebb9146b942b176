using DescribeFunction.Embedding;

namespace DescribeFunction.Store;

/// <summary>
/// What <c>backfill --reembed</c> reads and writes: a stored description's text and vector identity, and a new vector
/// (or embedding error) committed only while the document is unchanged since that read.
/// </summary>
public interface IEmbeddingStore
{
    /// <summary>The stored documents of these object names in one round trip, in order; null where none is stored.</summary>
    Task<IReadOnlyList<EmbeddingCandidate?>> GetEmbeddingCandidatesAsync(IReadOnlyList<string> objectNames, CancellationToken cancellationToken);

    /// <summary>
    /// Writes the outcome's vector and <c>embedder</c> (deleting <c>embeddingError</c>), or its error (deleting the
    /// vector), and counts embedding tokens in the usage ledger in the same commit, only if the document's update
    /// time is still <see cref="EmbeddingCandidate.Version"/>. False when it changed meanwhile or is gone: a newer
    /// description is never given an older text's vector.
    /// </summary>
    /// <exception cref="DescriptionStoreException">Firestore failed past its retries.</exception>
    Task<bool> StoreEmbeddingAsync(EmbeddingCandidate candidate, EmbeddingOutcome outcome, CancellationToken cancellationToken);
}

/// <summary>One stored description as <c>--reembed</c> sees it.</summary>
/// <param name="Version">The document's update time as read, the precondition of the write.</param>
/// <param name="Embedder">The stored vector's identity; null when the document has none.</param>
/// <param name="HasVector">Whether an <c>embedding</c> is stored.</param>
public sealed record EmbeddingCandidate(
    string ObjectName,
    string DocumentId,
    string Version,
    string? Status,
    string? Description,
    string? AltText,
    IReadOnlyList<string>? Labels,
    EmbedderIdentity? Embedder,
    bool HasVector);
