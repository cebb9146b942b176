using Google.Apis.Auth.OAuth2;

namespace DescribeFunction.Firestore;

/// <summary>Tokens from a Google credential, which caches them and refreshes them before they expire.</summary>
public sealed class GoogleCredentialAuth : IFirestoreAuth
{
    /// <summary>The scopes Google's own Firestore client asks for.</summary>
    public static readonly IReadOnlyList<string> Scopes =
        ["https://www.googleapis.com/auth/cloud-platform", "https://www.googleapis.com/auth/datastore"];

    private readonly ITokenAccess _tokenAccess;

    public GoogleCredentialAuth(GoogleCredential credential)
    {
        ArgumentNullException.ThrowIfNull(credential);
        _tokenAccess = credential.IsCreateScopedRequired ? credential.CreateScoped(Scopes) : credential;
    }

    public Task<string> GetAccessTokenAsync(CancellationToken cancellationToken) =>
        _tokenAccess.GetAccessTokenForRequestAsync(cancellationToken: cancellationToken);
}
