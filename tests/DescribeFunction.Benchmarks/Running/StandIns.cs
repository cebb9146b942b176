using DescribeFunction.Benchmarks.Faults;
using DescribeFunction.Configuration;
using DescribeFunction.Firestore;
using DescribeFunction.Local.Hosting;
using DescribeFunction.Local.Storage;
using DescribeFunction.Store;

namespace DescribeFunction.Benchmarks.Running;

/// <summary>
/// The offline stand-ins in this process (Firestore, describer, storage, metadata) over a fresh temporary bucket,
/// the sample images to upload, and a Firestore client that reads the stand-in directly.
/// </summary>
internal sealed class StandIns : IAsyncDisposable
{
    private static readonly (string File, string ContentType)[] SampleFiles =
        [("sunset-landscape.jpg", "image/jpeg"), ("blue-white-portrait.png", "image/png"), ("green-yellow-square.webp", "image/webp")];

    private readonly string _root;
    private readonly byte[][] _samples;
    private readonly IReadOnlyDictionary<string, string> _extraSettings;

    private StandIns(LocalEnvironment environment, string root, byte[][] samples, IReadOnlyDictionary<string, string> extraSettings)
    {
        _extraSettings = extraSettings;
        Environment = environment;
        _root = root;
        _samples = samples;
        // Given to the function explicitly (below), so that where it writes never depends on the function.yaml
        // published with the build; --env may still choose them.
        var defaults = new FunctionSettings();
        Database = extraSettings.GetValueOrDefault("FIRESTORE_DATABASE", defaults.Store.FirestoreDatabase);
        Collection = extraSettings.GetValueOrDefault("FIRESTORE_COLLECTION", defaults.Store.FirestoreCollection);
        Documents = environment.CreateDocumentsClient(Database);
        ObjectNames = new ObjectNames(Collection);
    }

    public LocalEnvironment Environment { get; }

    public string Database { get; }

    /// <summary>The collection the function stores descriptions in.</summary>
    public string Collection { get; }

    public FirestoreClient Documents { get; }

    /// <summary>Attributes the function's requests to objects, for relays in front of the stand-ins.</summary>
    public ObjectNames ObjectNames { get; }

    /// <param name="extraSettings">More environment variables for the function (--env), applied last.</param>
    public static Task<StandIns> StartAsync(IReadOnlyDictionary<string, string> extraSettings, CancellationToken cancellationToken) =>
        StartAsync(extraSettings, LocalFirestore.StandIn, cancellationToken);

    /// <param name="firestore">The Firestore stand-in, or Google's emulator already running at a host and port.</param>
    public static async Task<StandIns> StartAsync(IReadOnlyDictionary<string, string> extraSettings, LocalFirestore firestore, CancellationToken cancellationToken)
    {
        var root = Path.Combine(Path.GetTempPath(), "describe-bench-" + Guid.NewGuid().ToString("N"));
        var environment = await LocalEnvironment.StartAsync(LocalPorts.Ephemeral, root, firestore, cancellationToken);
        var samples = new byte[SampleFiles.Length][];
        for (var i = 0; i < SampleFiles.Length; i++)
        {
            samples[i] = await File.ReadAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "Samples", SampleFiles[i].File), cancellationToken);
        }

        return new StandIns(environment, root, samples, extraSettings);
    }

    /// <summary>
    /// The function's settings: the stand-ins' addresses, optionally with the describer or Firestore reached through
    /// a relay instead (the relay forwards to the stand-in).
    /// </summary>
    public Dictionary<string, string> FunctionSettings(Uri? describerRelay = null, string? firestoreRelay = null)
    {
        var settings = new Dictionary<string, string>(Environment.FunctionSettings)
        {
            ["TRIGGER_BUCKET"] = LocalEnvironment.Bucket,
            ["FIRESTORE_DATABASE"] = Database,
            ["FIRESTORE_COLLECTION"] = Collection,
            // The benchmarks measure the function at the concurrency they drive, not the back-pressure that turns
            // events beyond MAX_CONCURRENT_DESCRIBES away with 429; --env MAX_CONCURRENT_DESCRIBES=… measures that.
            ["MAX_CONCURRENT_DESCRIBES"] = "4096",
        };
        if (describerRelay is not null)
        {
            settings["OPENAI_BASE_URL"] = new Uri(describerRelay, $"v1/projects/{LocalEnvironment.ProjectId}/locations/global/endpoints/openapi").AbsoluteUri;
        }

        if (firestoreRelay is not null)
        {
            settings["FIRESTORE_EMULATOR_HOST"] = firestoreRelay;
        }

        foreach (var (key, value) in _extraSettings)
        {
            settings[key] = value;
        }

        return settings;
    }

    /// <summary>Stores <paramref name="count"/> objects with distinct names (the function dedupes per name), cycling through the samples.</summary>
    public IReadOnlyList<LocalObject> Upload(string prefix, int count)
    {
        var objects = new LocalObject[count];
        for (var i = 0; i < count; i++)
        {
            var (file, contentType) = SampleFiles[i % SampleFiles.Length];
            objects[i] = Environment.BucketStore.Put(LocalEnvironment.Bucket, $"{prefix}-{i:D5}{Path.GetExtension(file)}", _samples[i % _samples.Length], contentType);
        }

        return objects;
    }

    /// <summary>The document's status, or null when there is no document.</summary>
    public async Task<FirestoreDocument?> DocumentAsync(string objectName, CancellationToken cancellationToken) =>
        await Documents.GetAsync(Collection, DocumentId.FromObjectName(objectName), cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await Environment.DisposeAsync();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary folder is harmless.
        }
    }
}
