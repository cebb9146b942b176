using DescribeFunction.Configuration;
using DescribeFunction.Describing.Structured;
using Google.Apis.Auth.OAuth2;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DescribeFunction.Describing;

public static class DescribingServices
{
    /// <summary>The model call: the chat client (a bearer token per request, or the API key), the describer and its requests.</summary>
    /// <param name="services">The function's services.</param>
    /// <param name="model">The model settings.</param>
    /// <param name="schema">The structured output's schema, loaded at startup; null in text mode.</param>
    /// <param name="projectId">The resolved project, for the Vertex AI endpoint.</param>
    /// <param name="credential">The Google credential; null when an API key or stand-ins need none.</param>
    public static IServiceCollection AddDescribing(this IServiceCollection services, ModelSettings model, StructuredSchema? schema, string projectId, ITokenAccess? credential)
    {
        if (schema is not null)
        {
            services.TryAddSingleton(schema);
        }

        services.TryAddSingleton(ChatClientFactory.Create(model, projectId, credential));
        services.TryAddSingleton<IImageDescriber, ImageDescriber>();
        services.TryAddSingleton<DescribeRequests>();
        return services;
    }
}
