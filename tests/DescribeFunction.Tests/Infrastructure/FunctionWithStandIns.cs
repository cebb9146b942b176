using DescribeFunction.Firestore;
using DescribeFunction.Local.Hosting;
using DescribeFunction.Local.Storage;
using DescribeFunction.Store;

namespace DescribeFunction.Tests.Infrastructure;

/// <summary>
/// The real function host wired to all four stand-ins over loopback HTTP, as a user runs it locally: Vertex-shaped
/// endpoint path, metadata-server tokens, Firestore and Storage emulators. Uploads go into the local bucket and
/// the finalize event is delivered as Eventarc would deliver it.
/// </summary>
public sealed class FunctionWithStandIns : IAsyncDisposable
{
    private readonly string _dataRoot;

    private FunctionWithStandIns(LocalEnvironment environment, RunningFunction function, string dataRoot)
    {
        Environment = environment;
        Function = function;
        _dataRoot = dataRoot;
        Documents = environment.CreateDocumentsClient(function.Options.Store.FirestoreDatabase);
    }

    public LocalEnvironment Environment { get; }

    public RunningFunction Function { get; }

    /// <summary>A client of the Firestore stand-in for reading what the function stored.</summary>
    public FirestoreClient Documents { get; }

    /// <summary>The collection the function stores descriptions in, as it resolved its settings.</summary>
    public string Collection => Function.Options.Store.FirestoreCollection;

    /// <param name="firestore">The Firestore the function uses: the stand-in unless a test names the official emulator.</param>
    /// <param name="services">Registers services before the function's own, which it then uses instead (a fault seam).</param>
    public static async Task<FunctionWithStandIns> StartAsync(IDictionary<string, string?>? settings = null, Action<LocalEnvironment>? configure = null, LocalFirestore? firestore = null, Action<IServiceCollection>? services = null)
    {
        var dataRoot = Path.Combine(Path.GetTempPath(), "describe-tests-" + Guid.NewGuid().ToString("N"));
        var environment = await LocalEnvironment.StartAsync(LocalPorts.Ephemeral, dataRoot, firestore ?? LocalFirestore.StandIn);
        configure?.Invoke(environment);
        var all = environment.FunctionSettings.ToDictionary(kv => kv.Key, kv => (string?)kv.Value);
        // Embeddings are on in the local settings; tests count the describer's requests, so a test turns them on itself.
        all["EMBEDDING_MODEL"] = null;
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        var function = await RunningFunction.StartAsync(all, services: services);
        return new FunctionWithStandIns(environment, function, dataRoot);
    }

    public LocalObject Upload(string name, byte[] bytes, string contentType) =>
        Environment.BucketStore.Put(LocalEnvironment.Bucket, name, bytes, contentType);

    /// <summary>Delivers the finalize event for a stored object, in binary mode as Eventarc does.</summary>
    public Task<HttpResponseMessage> DeliverAsync(LocalObject stored, string? eventId = null, long? generation = null) =>
        Function.Client.SendAsync(FinalizedEvent.Create(stored, eventId, generation));

    public async Task<HttpResponseMessage> UploadAndDeliverAsync(string name, byte[] bytes, string contentType = "image/png") =>
        await DeliverAsync(Upload(name, bytes, contentType));

    public Task<FirestoreDocument?> GetDocumentAsync(string objectName) =>
        Documents.GetAsync(Collection, DocumentId.FromObjectName(objectName), CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        await Function.DisposeAsync();
        await Environment.DisposeAsync();
        try
        {
            Directory.Delete(_dataRoot, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
