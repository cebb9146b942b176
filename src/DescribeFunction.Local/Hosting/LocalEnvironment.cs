using DescribeFunction.Configuration;
using DescribeFunction.Firestore;
using DescribeFunction.Local.Describer;
using DescribeFunction.Local.Emulators;
using DescribeFunction.Local.Firestore;
using DescribeFunction.Local.Metadata;
using DescribeFunction.Local.Storage;

namespace DescribeFunction.Local.Hosting;

/// <summary>
/// All four stand-ins running together on loopback — Firestore, the offline describer, Cloud Storage and the
/// metadata server — and the settings that point a function at them. Used by <c>serve</c>, <c>describe</c> and tests.
/// Firestore may instead be Google's official emulator (<see cref="LocalFirestore"/>).
/// </summary>
public sealed class LocalEnvironment : IAsyncDisposable
{
    public const string ProjectId = "local-project";
    public const string Bucket = "local-bucket";

    /// <summary>
    /// Where the Firestore stand-in keeps its documents under the data folder, when it keeps them. Cloud Storage
    /// bucket names cannot start with a dot, so no bucket's folder can take this name.
    /// </summary>
    public const string DocumentsFolder = ".firestore";

    private readonly StandInServer? _firestore;
    private readonly OfficialFirestoreEmulator? _emulator;

    private LocalEnvironment(LocalBucketStore bucketStore, DescriberSettings describerSettings, MetadataSettings metadataSettings, StandInServer? firestore, string firestoreHostAndPort, OfficialFirestoreEmulator? emulator, StandInServer describer, StandInServer storage, StandInServer metadata)
    {
        BucketStore = bucketStore;
        DescriberSettings = describerSettings;
        MetadataSettings = metadataSettings;
        _firestore = firestore;
        _emulator = emulator;
        FirestoreHostAndPort = firestoreHostAndPort;
        Describer = describer;
        Storage = storage;
        Metadata = metadata;
    }

    public LocalBucketStore BucketStore { get; }

    public DescriberSettings DescriberSettings { get; }

    public MetadataSettings MetadataSettings { get; }

    /// <summary>The Firestore stand-in; when the environment runs on the official emulator there is none, and reading this is a mistake.</summary>
    public StandInServer Firestore => _firestore
        ?? throw new InvalidOperationException($"This environment uses the official Firestore emulator at {FirestoreHostAndPort}, not the stand-in; use FirestoreHostAndPort.");

    /// <summary>Whether the function talks to the Firestore stand-in (rather than Google's official emulator).</summary>
    public bool UsesFirestoreStandIn => _firestore is not null;

    /// <summary><c>host:port</c> of the Firestore the function uses, stand-in or official emulator.</summary>
    public string FirestoreHostAndPort { get; }

    public Uri FirestoreBaseAddress => new($"http://{FirestoreHostAndPort}/");

    public StandInServer Describer { get; }

    public StandInServer Storage { get; }

    public StandInServer Metadata { get; }

    /// <summary>
    /// The settings a function needs to use these stand-ins the way it uses Google Cloud: the Vertex-shaped endpoint
    /// path, bearer tokens from the metadata server (no API key), and the emulator conventions for Firestore and Storage.
    /// </summary>
    public IReadOnlyDictionary<string, string> FunctionSettings =>
        SettingsFor(FirestoreBaseAddress, Describer.BaseAddress, Storage.BaseAddress, Metadata.BaseAddress);

    /// <summary>The embedding model the local settings name; the describer stand-in serves it on Vertex's <c>:predict</c>.</summary>
    public const string DefaultEmbeddingModel = "text-embedding-005";

    /// <summary>The same settings for stand-ins at these addresses, such as those of a <c>serve</c> in another process.</summary>
    public static IReadOnlyDictionary<string, string> SettingsFor(Uri firestore, Uri describer, Uri storage, Uri metadata)
    {
        ArgumentNullException.ThrowIfNull(firestore);
        ArgumentNullException.ThrowIfNull(describer);
        ArgumentNullException.ThrowIfNull(storage);
        ArgumentNullException.ThrowIfNull(metadata);
        return new Dictionary<string, string>
        {
            ["GOOGLE_CLOUD_PROJECT"] = ProjectId,
            ["GCE_METADATA_HOST"] = metadata.Authority,
            ["OPENAI_BASE_URL"] = new Uri(describer, $"v1/projects/{ProjectId}/locations/global/endpoints/openapi").AbsoluteUri,
            ["FIRESTORE_EMULATOR_HOST"] = firestore.Authority,
            ["STORAGE_EMULATOR_HOST"] = storage.AbsoluteUri.TrimEnd('/'),
            // Search is on locally: the describer stand-in answers Vertex's :predict with vectors that carry meaning.
            ["EMBEDDING_MODEL"] = DefaultEmbeddingModel,
            ["EMBEDDING_BASE_URL"] = describer.AbsoluteUri.TrimEnd('/'),
        };
    }

    /// <summary>A Firestore client for the stand-in, built the way the function builds its own, to read what it stored.</summary>
    public FirestoreClient CreateDocumentsClient() => CreateDocumentsClient(new FunctionSettings().Store.FirestoreDatabase);

    /// <param name="database">The database the function writes to (its FIRESTORE_DATABASE).</param>
    public FirestoreClient CreateDocumentsClient(string database) =>
        FirestoreClient.Create(ProjectId, database, FirestoreHostAndPort, credential: null);

    public static Task<LocalEnvironment> StartAsync(LocalPorts ports, string dataRoot, CancellationToken cancellationToken = default) =>
        StartAsync(ports, dataRoot, LocalFirestore.StandIn, cancellationToken);

    /// <summary>Starts the stand-ins, with the Firestore <paramref name="firestoreChoice"/> names (the official emulator on <c>ports.Firestore</c> when it starts one).</summary>
    public static async Task<LocalEnvironment> StartAsync(LocalPorts ports, string dataRoot, LocalFirestore firestoreChoice, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ports);
        ArgumentNullException.ThrowIfNull(firestoreChoice);
        var bucketStore = new LocalBucketStore(dataRoot);
        var metadataSettings = new MetadataSettings { ProjectId = ProjectId };
        var describerSettings = new DescriberSettings { Tokens = metadataSettings.Tokens };
        StandInServer? firestore = null;
        OfficialFirestoreEmulator? emulator = null;
        var started = new List<IAsyncDisposable>();
        try
        {
            string firestoreHost;
            if (firestoreChoice.IsStandIn)
            {
                var documents = firestoreChoice.KeepsDocuments ? Path.Combine(dataRoot, DocumentsFolder) : null;
                firestore = await FirestoreStandIn.StartAsync(ports.Firestore, documents, cancellationToken);
                started.Add(firestore);
                firestoreHost = firestore.HostAndPort;
            }
            else if (firestoreChoice.HostAndPort is { } existing)
            {
                firestoreHost = existing;
            }
            else
            {
                emulator = await OfficialFirestoreEmulator.StartAsync(ports.Firestore, cancellationToken: cancellationToken);
                started.Add(emulator);
                firestoreHost = emulator.HostPort;
            }

            var describer = await DescriberStandIn.StartAsync(bucketStore, describerSettings, ports.Describer, cancellationToken);
            started.Add(describer);
            var storage = await StorageStandIn.StartAsync(bucketStore, ports.Storage, cancellationToken);
            started.Add(storage);
            var metadata = await MetadataStandIn.StartAsync(metadataSettings, ports.Metadata, cancellationToken);
            return new LocalEnvironment(bucketStore, describerSettings, metadataSettings, firestore, firestoreHost, emulator, describer, storage, metadata);
        }
        catch
        {
            // A later server that cannot start (its port taken) must not leave the earlier ones listening.
            foreach (var server in Enumerable.Reverse(started))
            {
                await server.DisposeAsync();
            }

            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Metadata.DisposeAsync();
        await Storage.DisposeAsync();
        await Describer.DisposeAsync();
        if (_firestore is not null)
        {
            await _firestore.DisposeAsync();
        }

        if (_emulator is not null)
        {
            await _emulator.DisposeAsync();
        }
    }
}
