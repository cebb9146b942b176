using DescribeFunction.Configuration;
using DescribeFunction.Describing;
using DescribeFunction.Embedding;
using DescribeFunction.Firestore;
using DescribeFunction.GoogleCloud;
using DescribeFunction.PubSub;
using DescribeFunction.Retries;
using DescribeFunction.Storage;
using OpenAI;
using OpenAI.Chat;

namespace DescribeFunction.Doctor;

/// <summary>
/// The function's own clients, made as it makes them from the same settings, with the check's deadline as their
/// network timeout and no retries: a doctor reports the first failure rather than wait it out.
/// </summary>
public sealed class DoctorClients(FunctionSettings settings, GoogleCloudContext google, TimeSpan deadline)
{
    public FunctionSettings Settings => settings;

    public string ProjectId => google.ProjectId;

    public FirestoreClient Firestore() => new(
        Http(),
        settings.Cloud.FirestoreEmulatorHost is { Length: > 0 } ? EmulatorAuth.Instance : google.Credential!,
        google.ProjectId,
        settings.Store.FirestoreDatabase,
        settings.Cloud.FirestoreEmulatorHost is { Length: > 0 } host ? new Uri($"http://{host}/v1/") : FirestoreClient.ProductionBaseUrl,
        new FirestoreRetryOptions { MaxAttempts = 1 });

    /// <summary>Where Firestore is, for the lines that name it.</summary>
    public string FirestoreHost => settings.Cloud.FirestoreEmulatorHost ?? FirestoreClient.ProductionBaseUrl.Host;

    public StorageObjectLister Lister() => new(
        Http(),
        settings.Cloud.StorageEmulatorHost ?? StorageObjectReader.ProductionApiBase,
        settings.Cloud.StorageEmulatorHost is null ? google.Credential : null,
        Backoff.None,
        pageSize: 1);

    public ChatClient Chat() => ChatClientFactory.Create(
        settings.Model,
        google.ProjectId,
        google.Credential,
        new OpenAIClientOptions { NetworkTimeout = deadline, RetryPolicy = new System.ClientModel.Primitives.ClientRetryPolicy(maxRetries: 0) });

    /// <summary>Where the describer is asked, for the lines that name it.</summary>
    public string ChatHost => VertexEndpoint.Resolve(settings.Model, google.ProjectId).Authority;

    public IEmbeddingClient? Embedder() => EmbeddingClientFactory.Create(settings.Embedding, settings.Model, google.ProjectId, google.Credential, Http());

    public PubSubClient PubSub() => settings.Cloud.PubSubEmulatorHost is { Length: > 0 } host
        ? new PubSubClient(Http(), new Uri($"http://{host}/v1/"), auth: null, Backoff.None)
        : new PubSubClient(Http(), PubSubClient.ProductionBaseUrl, google.Credential, Backoff.None);

    /// <summary>Where Pub/Sub is, for the lines that name it.</summary>
    public string PubSubHost => settings.Cloud.PubSubEmulatorHost ?? PubSubClient.ProductionBaseUrl.Host;

    private HttpClient Http() => new() { Timeout = deadline };
}
