using DescribeFunction.Configuration;
using Google.Apis.Auth.OAuth2;

namespace DescribeFunction.Firestore;

public sealed partial class FirestoreClient
{
    public static readonly Uri ProductionBaseUrl = new("https://firestore.googleapis.com/v1/");

    /// <summary>
    /// The client the settings describe: the emulator at <c>FIRESTORE_EMULATOR_HOST</c> over plain HTTP with
    /// <c>Bearer owner</c>, or Firestore itself with tokens from <paramref name="credential"/>.
    /// </summary>
    public static FirestoreClient Create(
        DescribeOptions options,
        string projectId,
        GoogleCredential? credential,
        HttpClient? httpClient = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        httpClient ??= new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        if (!string.IsNullOrWhiteSpace(options.FirestoreEmulatorHost))
        {
            return new FirestoreClient(
                httpClient, EmulatorAuth.Instance, projectId, options.FirestoreDatabase, EmulatorBaseUrl(options.FirestoreEmulatorHost));
        }

        if (credential is null)
        {
            throw new ArgumentException("A Google credential is required unless FIRESTORE_EMULATOR_HOST is set.", nameof(credential));
        }

        return new FirestoreClient(
            httpClient, new GoogleCredentialAuth(credential), projectId, options.FirestoreDatabase, ProductionBaseUrl);
    }

    /// <summary><c>host:port</c> as the emulator convention has it; a full <c>http://</c> URL is accepted too.</summary>
    public static Uri EmulatorBaseUrl(string emulatorHost)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(emulatorHost);
        var root = emulatorHost.Contains("://", StringComparison.Ordinal) ? emulatorHost.TrimEnd('/') : $"http://{emulatorHost.Trim()}";
        return Uri.TryCreate(root + "/v1/", UriKind.Absolute, out var uri)
            ? uri
            : throw new ArgumentException($"FIRESTORE_EMULATOR_HOST '{emulatorHost}' is not host:port.", nameof(emulatorHost));
    }
}
