namespace DescribeFunction.Embedding;

/// <summary>Turns one text into one vector of the configured length; thread-safe, one per process.</summary>
public interface IEmbeddingClient
{
    /// <summary>The model named in every request (<c>EMBEDDING_MODEL</c>).</summary>
    string Model { get; }

    /// <summary>The vector length asked for and checked on every answer (<c>EMBEDDING_DIMENSIONS</c>).</summary>
    int Dimensions { get; }

    /// <exception cref="EmbeddingException">The endpoint refused, failed or answered a vector of another length.</exception>
    Task<EmbeddingResult> EmbedAsync(string text, EmbeddingTask task, CancellationToken cancellationToken);
}

/// <param name="Vector">Exactly <see cref="IEmbeddingClient.Dimensions"/> values.</param>
/// <param name="Tokens">Input tokens the endpoint counted, when it says.</param>
public sealed record EmbeddingResult(float[] Vector, long? Tokens);
