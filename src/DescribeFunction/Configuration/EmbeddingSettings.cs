namespace DescribeFunction.Configuration;

/// <summary>Embeddings of finished descriptions, for search.</summary>
public sealed record EmbeddingSettings
{
    /// <summary>Firestore's largest vector.</summary>
    public const int MaxEmbeddingDimensions = 2048;

    /// <summary>The embedding model (<c>gemini-embedding-001</c>, <c>text-embedding-005</c>, …); null turns embeddings and search off.</summary>
    public string? EmbeddingModel { get; init; }

    /// <summary>Length of every stored vector, 1 to <see cref="MaxEmbeddingDimensions"/> (Firestore's limit).</summary>
    public int EmbeddingDimensions { get; init; } = 768;

    public EmbeddingApi EmbeddingApi { get; init; } = EmbeddingApi.Vertex;

    /// <summary>
    /// The embedding endpoint's base instead of Google's: for <c>vertex</c> the host part before <c>/v1/projects/…</c>,
    /// for <c>openai</c> the base the client appends <c>/embeddings</c> to.
    /// </summary>
    public Uri? EmbeddingBaseUrl { get; init; }

    /// <summary>
    /// Where the embedding model is served. Google's text-embeddings reference calls <c>us-central1</c>, and the
    /// global endpoint's model list names generation models only, so the default is that region.
    /// </summary>
    public string EmbeddingLocation { get; init; } = "us-central1";

    /// <summary>True when <see cref="EmbeddingModel"/> is set.</summary>
    public bool EmbeddingsOn => EmbeddingModel is not null;

    private static readonly Dictionary<string, EmbeddingApi> EmbeddingApiChoices = new()
    {
        ["vertex"] = EmbeddingApi.Vertex,
        ["openai"] = EmbeddingApi.OpenAI,
    };

    /// <summary>Reads the embedding settings; problems are reported through <paramref name="settings"/>.</summary>
    public static EmbeddingSettings Read(SettingsReader settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var defaults = new EmbeddingSettings();
        var embedding = new EmbeddingSettings
        {
            EmbeddingModel = settings.GetString("EMBEDDING_MODEL"),
            EmbeddingDimensions = settings.GetInt("EMBEDDING_DIMENSIONS", defaults.EmbeddingDimensions, 1, MaxEmbeddingDimensions),
            EmbeddingApi = settings.GetChoice("EMBEDDING_API", defaults.EmbeddingApi, EmbeddingApiChoices),
            EmbeddingBaseUrl = settings.GetAbsoluteUri("EMBEDDING_BASE_URL"),
            EmbeddingLocation = settings.GetString("EMBEDDING_LOCATION", defaults.EmbeddingLocation),
        };
        settings.Require(SettingPatterns.Location().IsMatch(embedding.EmbeddingLocation),
            $"The setting EMBEDDING_LOCATION must be a Vertex AI location such as us-central1, but it is '{embedding.EmbeddingLocation}'.");
        return embedding;
    }
}

public enum EmbeddingApi
{
    /// <summary>Vertex AI's native <c>…/publishers/google/models/{model}:predict</c>.</summary>
    Vertex,

    /// <summary>An OpenAI-compatible <c>POST {base}/embeddings</c>, through the OpenAI library.</summary>
    OpenAI,
}
