using Google.Apis.Auth.OAuth2;

namespace DescribeFunction.Firestore;

public sealed partial class FirestoreClient
{
    public static readonly Uri ProductionBaseUrl = new("https://firestore.googleapis.com/v1/");

    /// <summary>
    /// The emulator at <paramref name="emulatorHost"/> (<c>host:port</c>, plain HTTP, <c>Bearer owner</c>) when it is
    /// given, else Firestore itself with tokens from <paramref name="credential"/>.
    /// </summary>
    public static FirestoreClient Create(string projectId, string databaseId, string? emulatorHost, ITokenAccess? credential, HttpClient? httpClient = null)
    {
        httpClient ??= new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        if (emulatorHost is { Length: > 0 })
        {
            return new FirestoreClient(httpClient, EmulatorAuth.Instance, projectId, databaseId, new Uri($"http://{emulatorHost}/v1/"));
        }

        return new FirestoreClient(
            httpClient,
            credential ?? throw new ArgumentNullException(nameof(credential), "A Google credential is required unless a Firestore emulator host is given."),
            projectId,
            databaseId,
            ProductionBaseUrl);
    }
}
