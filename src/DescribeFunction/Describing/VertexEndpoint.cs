using DescribeFunction.Configuration;

namespace DescribeFunction.Describing;

/// <summary>The base URL the chat client talks to: <c>OPENAI_BASE_URL</c>, else Vertex AI's OpenAI-compatible endpoint.</summary>
public static class VertexEndpoint
{
    /// <summary>Resolves the base URL from validated settings; the client appends <c>/chat/completions</c>.</summary>
    /// <param name="projectId">The resolved project.</param>
    public static Uri Resolve(ModelSettings settings, string? projectId)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings.OpenAIBaseUrl ?? ForVertex(projectId, settings.VertexLocation);
    }

    public static Uri ForVertex(string? projectId, string location)
    {
        if (string.IsNullOrWhiteSpace(projectId))
        {
            throw new ArgumentException("GOOGLE_CLOUD_PROJECT is required to derive the Vertex AI endpoint (or set OPENAI_BASE_URL).", nameof(projectId));
        }

        // The global location has no regional host prefix.
        var host = location == "global" ? "aiplatform.googleapis.com" : $"{location}-aiplatform.googleapis.com";
        return new Uri($"https://{host}/v1/projects/{projectId}/locations/{location}/endpoints/openapi");
    }
}
