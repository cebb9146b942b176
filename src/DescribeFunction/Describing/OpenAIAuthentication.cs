using System.ClientModel;
using System.ClientModel.Primitives;
using Google.Apis.Auth.OAuth2;

namespace DescribeFunction.Describing;

/// <summary>
/// How every OpenAI library client of the process authenticates: <c>OPENAI_API_KEY</c> when it is set, otherwise a
/// fresh Google token per request (<see cref="GoogleBearerTokenPolicy"/>). One place decides, so that where a token may
/// be sent is decided once for the chat and the embedding clients alike.
/// </summary>
public static class OpenAIAuthentication
{
    /// <summary>
    /// Builds the client with <paramref name="withApiKey"/> when <paramref name="apiKey"/> is set, else with
    /// <paramref name="withBearerToken"/> over <paramref name="tokenAccess"/>; null when neither is there, so the
    /// caller says which of its settings needs the credential.
    /// </summary>
    /// <param name="withApiKey">The client's key constructor.</param>
    /// <param name="withBearerToken">The client's policy constructor, the library's only way to attach a fresh token per attempt.</param>
    public static TClient? CreateClient<TClient>(string? apiKey, ITokenAccess? tokenAccess, Func<ApiKeyCredential, TClient> withApiKey, Func<AuthenticationPolicy, TClient> withBearerToken)
        where TClient : class
    {
        ArgumentNullException.ThrowIfNull(withApiKey);
        ArgumentNullException.ThrowIfNull(withBearerToken);
        if (!string.IsNullOrEmpty(apiKey))
        {
            return withApiKey(new ApiKeyCredential(apiKey));
        }

        return tokenAccess is null ? null : withBearerToken(new GoogleBearerTokenPolicy(tokenAccess));
    }
}
