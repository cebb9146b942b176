using DescribeFunction.Configuration;
using Google.Apis.Auth.OAuth2;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DescribeFunction.Embedding;

public static class EmbeddingServices
{
    /// <summary>The embedder of finished descriptions; with <c>EMBEDDING_MODEL</c> blank it has no client and is off.</summary>
    public static IServiceCollection AddEmbedding(this IServiceCollection services, EmbeddingSettings embedding, ModelSettings model, string projectId, ITokenAccess? credential)
    {
        services.TryAddSingleton(sp => new DocumentEmbedder(
            EmbeddingClientFactory.Create(embedding, model, projectId, credential),
            embedding, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<DocumentEmbedder>>()));
        return services;
    }
}
