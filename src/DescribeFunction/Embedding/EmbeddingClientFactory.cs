using System.ClientModel.Primitives;
using DescribeFunction.Configuration;
using DescribeFunction.Describing;
using Google.Apis.Auth.OAuth2;
using OpenAI;
using OpenAI.Embeddings;

namespace DescribeFunction.Embedding;

/// <summary>Creates the one embedding client of the process for <c>EMBEDDING_API</c>, or none when <c>EMBEDDING_MODEL</c> is blank.</summary>
public static class EmbeddingClientFactory
{
    /// <summary>An embedding answers in well under a second; a hung connection should not eat the delivery's deadline.</summary>
    public static readonly TimeSpan NetworkTimeout = TimeSpan.FromSeconds(30);

    /// <param name="credential">Scoped for cloud-platform; may be null only for <c>openai</c> with <c>OPENAI_API_KEY</c>.</param>
    public static IEmbeddingClient? Create(EmbeddingSettings settings, ModelSettings modelSettings, string projectId, ITokenAccess? credential, HttpClient? httpClient = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.EmbeddingModel is not { } model)
        {
            return null;
        }

        if (settings.EmbeddingApi == EmbeddingApi.Vertex)
        {
            var url = VertexEmbeddingClient.PredictUrl(settings.EmbeddingBaseUrl, projectId, settings.EmbeddingLocation, model);
            return new VertexEmbeddingClient(
                httpClient ?? new HttpClient { Timeout = NetworkTimeout },
                credential ?? throw new InvalidSettingsException("EMBEDDING_API=vertex needs Google credentials, but none were loaded."),
                url, model, settings.EmbeddingDimensions);
        }

        var options = new OpenAIClientOptions
        {
            Endpoint = settings.EmbeddingBaseUrl ?? VertexEndpoint.Resolve(modelSettings, projectId),
            NetworkTimeout = NetworkTimeout,
            // The function's own retry loop decides, within the delivery's deadline; the library's would stack on it.
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
        };
        if (httpClient is not null)
        {
            options.Transport = new HttpClientPipelineTransport(httpClient);
        }

#pragma warning disable OPENAI001 // the library's only way to attach a fresh bearer token per request, as the chat client does
        var client = OpenAIAuthentication.CreateClient(
            modelSettings.OpenAIApiKey,
            credential,
            key => new EmbeddingClient(model, key, options),
            policy => new EmbeddingClient(model, policy, options))
            ?? throw new InvalidSettingsException("EMBEDDING_API=openai without OPENAI_API_KEY needs Google credentials, but none were loaded.");
#pragma warning restore OPENAI001

        return new OpenAIEmbeddingClient(client, model, settings.EmbeddingDimensions);
    }
}
