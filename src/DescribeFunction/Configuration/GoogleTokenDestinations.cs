namespace DescribeFunction.Configuration;

/// <summary>
/// Where the function's Google access token may go: Google's APIs over https, or this machine (the local stand-ins).
/// The token is the service account's, good for every Google API the account may call, so an endpoint elsewhere that
/// received it could act as the function; such an endpoint takes <c>OPENAI_API_KEY</c> instead.
/// </summary>
public static class GoogleTokenDestinations
{
    public static bool MayReceive(Uri endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        return endpoint.IsLoopback
            || (endpoint.Scheme == Uri.UriSchemeHttps
                && (endpoint.Host.Equals("googleapis.com", StringComparison.OrdinalIgnoreCase)
                    || endpoint.Host.EndsWith(".googleapis.com", StringComparison.OrdinalIgnoreCase)));
    }

    /// <summary>Reports, through <paramref name="settings"/>, an endpoint that would get the token but is no Google API.</summary>
    public static void Check(SettingsReader settings, ModelSettings model, EmbeddingSettings embedding)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(embedding);
        if (model.OpenAIApiKey is null && model.OpenAIBaseUrl is { } chat)
        {
            settings.Require(MayReceive(chat),
                $"The setting OPENAI_BASE_URL points at {chat.Scheme}://{chat.Authority}, which is not a Google API (https://*.googleapis.com) or this machine, so it will not be sent the function's Google access token; set OPENAI_API_KEY to that endpoint's key.");
        }

        var usesToken = embedding.EmbeddingApi == EmbeddingApi.Vertex || model.OpenAIApiKey is null;
        if (embedding.EmbeddingsOn && usesToken && embedding.EmbeddingBaseUrl is { } embeddings)
        {
            settings.Require(MayReceive(embeddings), embedding.EmbeddingApi == EmbeddingApi.Vertex
                ? $"The setting EMBEDDING_BASE_URL points at {embeddings.Scheme}://{embeddings.Authority}, which is not a Google API (https://*.googleapis.com) or this machine, and EMBEDDING_API=vertex always sends it the function's Google access token; point it at Google, or use EMBEDDING_API=openai with OPENAI_API_KEY."
                : $"The setting EMBEDDING_BASE_URL points at {embeddings.Scheme}://{embeddings.Authority}, which is not a Google API (https://*.googleapis.com) or this machine, so it will not be sent the function's Google access token; set OPENAI_API_KEY to that endpoint's key.");
        }
    }
}
