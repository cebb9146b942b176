using DescribeFunction.Configuration;
using Google.Apis.Auth.OAuth2;

namespace DescribeFunction.GoogleCloud;

/// <summary>Resolves the <see cref="GoogleCloudContext"/> from settings, credentials and the metadata server.</summary>
public static class GoogleCloudContextLoader
{
    private static readonly TimeSpan MetadataTimeout = TimeSpan.FromSeconds(5);

    public static async Task<GoogleCloudContext> LoadAsync(FunctionSettings options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        using var metadataHttp = new HttpClient { Timeout = MetadataTimeout };
        var metadata = new MetadataServer(metadataHttp, options.Cloud.MetadataHost);
        var credential = NeedsCredential(options) ? await LoadCredentialAsync(options, metadata, cancellationToken) : null;
        var projectId = options.Cloud.GoogleCloudProject ?? await ProjectFromMetadataAsync(metadata, cancellationToken);
        return new GoogleCloudContext(projectId, credential);
    }

    /// <summary>Locally, with the emulators and an API key, no Google credential is needed at all.</summary>
    public static bool NeedsCredential(FunctionSettings options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Model.OpenAIApiKey is null
            || options.Cloud.FirestoreEmulatorHost is null
            || (options.Delivery.ImageDelivery == ImageDelivery.Inline && options.Cloud.StorageEmulatorHost is null)
            || (options.Embedding.EmbeddingsOn && options.Embedding.EmbeddingApi == EmbeddingApi.Vertex)
            || (options.Notices.NoticesOn && options.Cloud.PubSubEmulatorHost is null);
    }

    private static async Task<GoogleCredential> LoadCredentialAsync(FunctionSettings options, MetadataServer metadata, CancellationToken cancellationToken)
    {
        // An explicit metadata host means "the metadata server is the identity", as on Cloud Run; otherwise
        // Application Default Credentials decide (a key file, gcloud's user credentials, or the metadata server).
        if (options.Cloud.MetadataHost is not null)
        {
            return new ComputeCredential(new ComputeCredential.Initializer(metadata.TokenUrl)).ToGoogleCredential();
        }

        try
        {
            var credential = await GoogleCredential.GetApplicationDefaultAsync(cancellationToken);
            return credential.CreateScoped(GoogleCloudContext.CloudPlatformScope);
        }
        catch (InvalidOperationException e)
        {
            throw new InvalidSettingsException(
                "No Google credentials were found (Application Default Credentials); on a laptop run `gcloud auth application-default login`, or use the local stand-ins (see the README).", e);
        }
    }

    private static async Task<string> ProjectFromMetadataAsync(MetadataServer metadata, CancellationToken cancellationToken)
    {
        try
        {
            return await metadata.GetProjectIdAsync(cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or InvalidOperationException)
        {
            throw new InvalidSettingsException(
                $"The setting GOOGLE_CLOUD_PROJECT is not set and the metadata server at {metadata.BaseUrl.Host} did not give a project id ({e.Message}); set GOOGLE_CLOUD_PROJECT.", e);
        }
    }
}
