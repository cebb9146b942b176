using DescribeFunction.Local.Embedder;
using DescribeFunction.Local.Hosting;
using DescribeFunction.Local.Storage;

namespace DescribeFunction.Local.Describer;

/// <summary>
/// An offline, OpenAI-compatible image describer. It answers <c>POST /v1/chat/completions</c> (what the OpenAI .NET
/// client calls with endpoint <c>…/v1</c>) and Vertex AI's <c>POST /v1/projects/{p}/locations/{l}/endpoints/openapi/chat/completions</c>,
/// and the two embedding protocols (<see cref="EmbeddingHandler"/>), reading <c>gs://</c> images from a <see cref="LocalBucketStore"/> or data URLs, and describing what it measures.
/// </summary>
public static class DescriberStandIn
{
    public static Task<StandInServer> StartAsync(
        LocalBucketStore bucket,
        DescriberSettings settings,
        int port = 0,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(bucket);
        ArgumentNullException.ThrowIfNull(settings);
        return StandInHost.StartAsync("describer", port, services =>
        {
            services.AddSingleton(settings);
            services.AddSingleton(new DescriberLog());
            services.AddSingleton(new ImageResolver(bucket));
            services.AddSingleton<ChatCompletionHandler>();
            services.AddSingleton<EmbeddingHandler>();
            WriteThrough.Configure(services);
        }, app =>
        {
            var handler = app.Services.GetRequiredService<ChatCompletionHandler>();
            app.MapPost("/v1/chat/completions", handler.HandleOpenAIAsync);
            app.MapPost(
                "/v1/projects/{project}/locations/{location}/endpoints/openapi/chat/completions",
                (HttpContext context, string project, string location) => handler.HandleVertexAsync(context, project, location));
            var embeddings = app.Services.GetRequiredService<EmbeddingHandler>();
            app.MapPost(
                "/v1/projects/{project}/locations/{location}/publishers/google/models/{modelAction}",
                (HttpContext context, string project, string location, string modelAction) => embeddings.HandleVertexAsync(context, project, location, modelAction));
            app.MapPost("/v1/embeddings", embeddings.HandleOpenAIAsync);
            app.MapPost("/v1/projects/{project}/locations/{location}/endpoints/openapi/embeddings", embeddings.HandleOpenAIAsync);
        }, cancellationToken);
    }

    /// <summary>What reached a running describer.</summary>
    public static DescriberLog GetLog(StandInServer server)
    {
        ArgumentNullException.ThrowIfNull(server);
        return server.Services.GetRequiredService<DescriberLog>();
    }
}
