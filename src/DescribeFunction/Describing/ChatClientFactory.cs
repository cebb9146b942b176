using DescribeFunction.Configuration;
using Google.Apis.Auth.OAuth2;
using OpenAI;
using OpenAI.Chat;

namespace DescribeFunction.Describing;

/// <summary>Creates the one <see cref="ChatClient"/> the process uses (it is thread-safe and pools connections).</summary>
public static class ChatClientFactory
{
    /// <summary>
    /// Streams send nothing while the model thinks, and the client's network timeout also bounds each read of the
    /// stream, so the library's 100 s default is too tight; event functions run for at most 540 s.
    /// </summary>
    public static readonly TimeSpan DefaultNetworkTimeout = TimeSpan.FromMinutes(5);

    /// <param name="options">Model, endpoint and key settings.</param>
    /// <param name="projectId">The resolved project (settings or metadata server); unused with OPENAI_BASE_URL.</param>
    /// <param name="tokenAccess">A credential scoped for cloud-platform; may be null only when OPENAI_API_KEY is set.</param>
    /// <param name="clientOptions">Transport, retry and timeout overrides (tests); the endpoint is always set here.</param>
    public static ChatClient Create(ModelSettings options, string? projectId, ITokenAccess? tokenAccess, OpenAIClientOptions? clientOptions = null)
    {
        ArgumentNullException.ThrowIfNull(options);

        clientOptions ??= new OpenAIClientOptions();
        clientOptions.NetworkTimeout ??= DefaultNetworkTimeout;
        clientOptions.RetryPolicy ??= new QuotaRetryPolicy();
        clientOptions.Endpoint = VertexEndpoint.Resolve(options, projectId);

        // OPENAI001: the policy constructor is marked for evaluation, but it is the library's only way to authenticate
        // with a custom policy, and it is what makes a fresh token per attempt possible.
#pragma warning disable OPENAI001
        return OpenAIAuthentication.CreateClient(
            options.OpenAIApiKey,
            tokenAccess,
            key => new ChatClient(options.DescribeModel, key, clientOptions),
            policy => new ChatClient(options.DescribeModel, policy, clientOptions))
            ?? throw new ArgumentNullException(nameof(tokenAccess), "A Google credential is required when OPENAI_API_KEY is not set.");
#pragma warning restore OPENAI001
    }
}
