using DescribeFunction.CommandLine;
using DescribeFunction.Configuration;
using DescribeFunction.Embedding;
using DescribeFunction.Firestore;

namespace DescribeFunction.Search;

/// <summary>
/// What a failed search tells its user, the same from the command and from the local gallery: one sentence, and
/// whether the input was at fault (exit code 2, HTTP 400) or Firestore or the embedding endpoint (exit code 1, HTTP 502).
/// </summary>
public sealed record SearchFailure(string Message, bool BadInput)
{
    /// <param name="settings">Null when the settings could not be read.</param>
    /// <param name="options">Null when the command line could not be read.</param>
    /// <returns>Null for an exception that is not a search's to explain.</returns>
    public static SearchFailure? From(Exception exception, FunctionSettings? settings, SearchOptions? options)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception switch
        {
            UsageException or InvalidSettingsException => new SearchFailure(exception.Message, BadInput: true),
            FirestoreException { Status: FirestoreStatus.FailedPrecondition } when settings is not null && options is not null =>
                new SearchFailure($"Firestore has no vector index for this search yet; create it with: {VectorIndexAdvice.Command(settings.Store, settings.Embedding, options)}", BadInput: false),
            FirestoreException or EmbeddingException => new SearchFailure(exception.Message, BadInput: false),
            _ => null,
        };
    }
}
