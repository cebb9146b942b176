using DescribeFunction.Local.Hosting;
using DescribeFunction.Local.Storage;

namespace DescribeFunction.Local.Describer;

/// <summary>
/// An offline, OpenAI-compatible image describer. It answers <c>POST /v1/chat/completions</c> (what the OpenAI .NET
/// client calls with endpoint <c>…/v1</c>) and Vertex AI's <c>POST /v1/projects/{p}/locations/{l}/endpoints/openapi/chat/completions</c>,
/// reading <c>gs://</c> images from a <see cref="LocalBucketStore"/> or data URLs, and describing what it measures.
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
            WriteThrough.Configure(services);
        }, app =>
        {
            var handler = app.Services.GetRequiredService<ChatCompletionHandler>();
            app.MapPost("/v1/chat/completions", handler.HandleOpenAIAsync);
            app.MapPost(
                "/v1/projects/{project}/locations/{location}/endpoints/openapi/chat/completions",
                (HttpContext context, string project, string location) => handler.HandleVertexAsync(context, project, location));
        }, cancellationToken);
    }

    /// <summary>What reached a running describer.</summary>
    public static DescriberLog GetLog(StandInServer server)
    {
        ArgumentNullException.ThrowIfNull(server);
        return server.Services.GetRequiredService<DescriberLog>();
    }
}
