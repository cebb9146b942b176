namespace DescribeFunction.Embedding;

/// <summary>
/// What the final commit records about a description's vector: the vector and its <see cref="Identity"/>, or the
/// error that left it without one (<c>embeddingError</c>), for a backfill with <c>--reembed missing</c> to fill in.
/// </summary>
public sealed record EmbeddingOutcome
{
    public required EmbedderIdentity Identity { get; init; }

    public float[]? Vector { get; init; }

    /// <summary>Input tokens the endpoint counted; the usage ledger counts them under the embedding model.</summary>
    public long? Tokens { get; init; }

    public string? ErrorCode { get; init; }

    public string? ErrorMessage { get; init; }

    /// <summary>
    /// The failure may pass on another try (a 503, a cut connection, time running out): the function stores it all
    /// the same, while a re-embedding run leaves the document as it is for its next run.
    /// </summary>
    public bool ErrorIsTransient { get; init; }

    public bool Embedded => Vector is not null;

    public static EmbeddingOutcome Success(EmbedderIdentity identity, EmbeddingResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new EmbeddingOutcome { Identity = identity, Vector = result.Vector, Tokens = result.Tokens };
    }

    public static EmbeddingOutcome Failure(EmbedderIdentity identity, string code, string message, bool transient = false) =>
        new() { Identity = identity, ErrorCode = code, ErrorMessage = message, ErrorIsTransient = transient };
}
