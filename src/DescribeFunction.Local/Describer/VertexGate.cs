using DescribeFunction.Local.Metadata;

namespace DescribeFunction.Local.Describer;

/// <summary>The checks Vertex AI makes before it looks at a request: a bearer token, and a model it serves.</summary>
internal static class VertexGate
{
    private const string MoreInfo =
        "Expected OAuth 2 access token, login cookie or other valid authentication credential. " +
        "See https://developers.google.com/identity/sign-in/web/devconsole-project.";

    /// <summary>Null when the caller may proceed, otherwise the 401 message.</summary>
    public static string? CheckAuth(HttpRequest request, DescriberSettings settings)
    {
        if (!settings.RequireAuth)
        {
            return null;
        }

        var header = request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        var token = header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) ? header[scheme.Length..].Trim() : "";
        if (token.Length == 0)
        {
            return "Request is missing required authentication credential. " + MoreInfo;
        }

        return settings.Tokens is { } tokens && tokens.Check(token) != TokenState.Valid
            ? "Request had invalid authentication credentials. " + MoreInfo
            : null;
    }

    /// <summary>Null when the model is served; otherwise the status and message Vertex would answer with.</summary>
    public static (int Status, string Message)? CheckModel(string model, string project, string location, DescriberSettings settings)
    {
        const string publisher = "google/";
        if (!model.StartsWith(publisher, StringComparison.Ordinal) || model.Length == publisher.Length)
        {
            return (400, $"Invalid model \"{model}\": on the Vertex AI OpenAI-compatible endpoint name the model as publisher/model, for example google/gemini-3.8-flash.");
        }

        if (!settings.VertexModels.Contains(model))
        {
            return (404, $"Publisher Model `projects/{project}/locations/{location}/publishers/google/models/{model[publisher.Length..]}` " +
                "was not found or your project does not have access to it. Please ensure you are using a valid model version.");
        }

        return null;
    }
}
