using DescribeFunction.Configuration;
using DescribeFunction.Firestore;
using DescribeFunction.Local.Describer;
using DescribeFunction.Local.Firestore;
using DescribeFunction.Local.Metadata;
using DescribeFunction.Local.Storage;

namespace DescribeFunction.Local.Hosting;

/// <summary>
/// All four stand-ins running together on loopback — Firestore, the offline describer, Cloud Storage and the
/// metadata server — and the settings that point a function at them. Used by <c>serve</c>, <c>describe</c> and tests.
/// </summary>
public sealed class LocalEnvironment : IAsyncDisposable
{
    public const string ProjectId = "local-project";
    public const string Bucket = "local-bucket";

    private LocalEnvironment(LocalBucketStore bucketStore, DescriberSettings describerSettings, MetadataSettings metadataSettings, StandInServer firestore, StandInServer describer, StandInServer storage, StandInServer metadata)
    {
        BucketStore = bucketStore;
        DescriberSettings = describerSettings;
        MetadataSettings = metadataSettings;
        Firestore = firestore;
        Describer = describer;
        Storage = storage;
        Metadata = metadata;
    }

    public LocalBucketStore BucketStore { get; }

    public DescriberSettings DescriberSettings { get; }

    public MetadataSettings MetadataSettings { get; }

    public StandInServer Firestore { get; }

    public StandInServer Describer { get; }

    public StandInServer Storage { get; }

    public StandInServer Metadata { get; }

    /// <summary>
    /// The settings a function needs to use these stand-ins the way it uses Google Cloud: the Vertex-shaped endpoint
    /// path, bearer tokens from the metadata server (no API key), and the emulator conventions for Firestore and Storage.
    /// </summary>
    public IReadOnlyDictionary<string, string> FunctionSettings =>
        SettingsFor(Firestore.BaseAddress, Describer.BaseAddress, Storage.BaseAddress, Metadata.BaseAddress);

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
        };
    }

    /// <summary>A Firestore client for the stand-in, built the way the function builds its own, to read what it stored.</summary>
    public FirestoreClient CreateDocumentsClient() => CreateDocumentsClient(new FunctionSettings().FirestoreDatabase);

    /// <param name="database">The database the function writes to (its FIRESTORE_DATABASE).</param>
    public FirestoreClient CreateDocumentsClient(string database) =>
        FirestoreClient.Create(ProjectId, database, Firestore.HostAndPort, credential: null);

    public static async Task<LocalEnvironment> StartAsync(LocalPorts ports, string dataRoot, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ports);
        var bucketStore = new LocalBucketStore(dataRoot);
        var metadataSettings = new MetadataSettings { ProjectId = ProjectId };
        var describerSettings = new DescriberSettings { Tokens = metadataSettings.Tokens };
        var firestore = await FirestoreStandIn.StartAsync(ports.Firestore, cancellationToken);
        var describer = await DescriberStandIn.StartAsync(bucketStore, describerSettings, ports.Describer, cancellationToken);
        var storage = await StorageStandIn.StartAsync(bucketStore, ports.Storage, cancellationToken);
        var metadata = await MetadataStandIn.StartAsync(metadataSettings, ports.Metadata, cancellationToken);
        return new LocalEnvironment(bucketStore, describerSettings, metadataSettings, firestore, describer, storage, metadata);
    }

    public async ValueTask DisposeAsync()
    {
        await Metadata.DisposeAsync();
        await Storage.DisposeAsync();
        await Describer.DisposeAsync();
        await Firestore.DisposeAsync();
    }
}
