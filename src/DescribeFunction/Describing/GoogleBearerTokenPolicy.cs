using System.ClientModel.Primitives;
using Google.Apis.Auth.OAuth2;

namespace DescribeFunction.Describing;

/// <summary>
/// Puts <c>Authorization: Bearer …</c> on every attempt, retries included. The OpenAI client places its
/// authentication policy after the retry policy, so each try asks the credential again; the credential caches the
/// token and refreshes it before it expires (tokens live about an hour), so no token is ever captured at startup.
/// </summary>
public sealed class GoogleBearerTokenPolicy : AuthenticationPolicy
{
    private readonly ITokenAccess _tokenAccess;

    /// <param name="tokenAccess">A credential already scoped for <see cref="GoogleCloud.GoogleCloudContext.CloudPlatformScope"/>.</param>
    public GoogleBearerTokenPolicy(ITokenAccess tokenAccess)
    {
        ArgumentNullException.ThrowIfNull(tokenAccess);
        _tokenAccess = tokenAccess;
    }

    public override void Process(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
    {
        ArgumentNullException.ThrowIfNull(message);
        // The synchronous path exists for completeness; the function only uses the async one.
        var token = _tokenAccess.GetAccessTokenForRequestAsync(cancellationToken: message.CancellationToken).GetAwaiter().GetResult();
        SetHeader(message, token);
        ProcessNext(message, pipeline, currentIndex);
    }

    public override async ValueTask ProcessAsync(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
    {
        ArgumentNullException.ThrowIfNull(message);
        var token = await _tokenAccess.GetAccessTokenForRequestAsync(cancellationToken: message.CancellationToken);
        SetHeader(message, token);
        await ProcessNextAsync(message, pipeline, currentIndex);
    }

    private static void SetHeader(PipelineMessage message, string token) =>
        message.Request.Headers.Set("Authorization", "Bearer " + token);
}
