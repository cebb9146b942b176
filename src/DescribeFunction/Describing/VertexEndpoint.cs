using System.Text.RegularExpressions;
using DescribeFunction.Configuration;

namespace DescribeFunction.Describing;

/// <summary>The base URL the chat client talks to: <c>OPENAI_BASE_URL</c>, else Vertex AI's OpenAI-compatible endpoint.</summary>
public static partial class VertexEndpoint
{
    /// <summary>Resolves the base URL; the client appends <c>/chat/completions</c>.</summary>
    /// <exception cref="ArgumentException">A setting is missing or malformed; the message names it.</exception>
    public static Uri Resolve(DescribeOptions options, string? projectId)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.OpenAIBaseUrl is { } baseUrl)
        {
            if (!baseUrl.IsAbsoluteUri || (baseUrl.Scheme != Uri.UriSchemeHttps && baseUrl.Scheme != Uri.UriSchemeHttp))
            {
                throw new ArgumentException($"OPENAI_BASE_URL must be an absolute http or https URL, got '{baseUrl.OriginalString}'.", nameof(options));
            }

            return baseUrl;
        }

        return ForVertex(projectId ?? options.GoogleCloudProject, options.VertexLocation);
    }

    public static Uri ForVertex(string? projectId, string? location)
    {
        if (string.IsNullOrWhiteSpace(projectId))
        {
            throw new ArgumentException("GOOGLE_CLOUD_PROJECT is required to derive the Vertex AI endpoint (or set OPENAI_BASE_URL).", nameof(projectId));
        }

        if (!ProjectPattern().IsMatch(projectId))
        {
            throw new ArgumentException($"GOOGLE_CLOUD_PROJECT must be a project id (lowercase letters, digits, hyphens), got '{projectId}'.", nameof(projectId));
        }

        if (string.IsNullOrEmpty(location) || !LocationPattern().IsMatch(location))
        {
            throw new ArgumentException($"VERTEX_LOCATION must be lowercase letters, digits and hyphens (such as 'global' or 'us-central1'), got '{location}'.", nameof(location));
        }

        // The global location has no regional host prefix.
        var host = location == "global" ? "aiplatform.googleapis.com" : $"{location}-aiplatform.googleapis.com";
        return new Uri($"https://{host}/v1/projects/{projectId}/locations/{location}/endpoints/openapi");
    }

    [GeneratedRegex("^[a-z0-9-]+$")]
    private static partial Regex LocationPattern();

    // Legacy domain-scoped ids look like "example.com:my-project".
    [GeneratedRegex("^([a-z0-9.-]+:)?[a-z0-9-]+$")]
    private static partial Regex ProjectPattern();
}
