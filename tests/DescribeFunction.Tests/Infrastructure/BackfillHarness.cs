using System.Text.Json;
using DescribeFunction.Backfill;
using DescribeFunction.Configuration;
using DescribeFunction.Firestore;
using DescribeFunction.Local.Describer;
using DescribeFunction.Local.Hosting;
using DescribeFunction.Local.Storage;
using DescribeFunction.Store;
using Microsoft.Extensions.Logging;

namespace DescribeFunction.Tests.Infrastructure;

/// <summary>
/// The stand-ins with a local bucket to fill, and the function's backfill command run in-process against them (or
/// as the built executable, for kills and exit codes), always with <c>--json</c> so the summary can be read back.
/// </summary>
internal sealed class BackfillHarness : IAsyncDisposable
{
    private static readonly (string File, string ContentType, string Extension)[] Samples =
        [("sunset-landscape.jpg", "image/jpeg", ".jpg"), ("blue-white-portrait.png", "image/png", ".png"), ("green-yellow-square.webp", "image/webp", ".webp")];

    private readonly string _dataRoot;
    private readonly byte[][] _samples;

    private BackfillHarness(LocalEnvironment environment, string dataRoot, FunctionSettings options)
    {
        Environment = environment;
        _dataRoot = dataRoot;
        Options = options;
        Collection = options.Store.FirestoreCollection;
        Documents = environment.CreateDocumentsClient(options.Store.FirestoreDatabase);
        _samples = [.. Samples.Select(s => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Samples", s.File)))];
    }

    public LocalEnvironment Environment { get; }

    public FirestoreClient Documents { get; }

    public string Collection { get; }

    /// <summary>The settings a run reads, resolved as the function resolves them (before any per-run override).</summary>
    public FunctionSettings Options { get; }

    public DescriberLog Describer => DescriberStandIn.GetLog(Environment.Describer);

    /// <summary>Settings every run gets: the stand-ins, the local bucket as TRIGGER_BUCKET.</summary>
    public Dictionary<string, string?> Settings { get; } = [];

    public static Task<BackfillHarness> StartAsync() => StartAsync(LocalFirestore.StandIn);

    /// <param name="firestore">The Firestore stand-in, or Google's emulator (<see cref="LocalFirestore.Existing"/>).</param>
    /// <param name="overrides">Settings every run gets on top of the stand-ins' (such as collections of its own on a shared emulator).</param>
    public static async Task<BackfillHarness> StartAsync(LocalFirestore firestore, IReadOnlyDictionary<string, string>? overrides = null)
    {
        var dataRoot = Path.Combine(Path.GetTempPath(), "backfill-tests-" + Guid.NewGuid().ToString("N"));
        var environment = await LocalEnvironment.StartAsync(LocalPorts.Ephemeral, dataRoot, firestore);
        var settings = environment.FunctionSettings.ToDictionary(kv => kv.Key, kv => kv.Value);
        settings["TRIGGER_BUCKET"] = LocalEnvironment.Bucket;
        foreach (var (key, value) in overrides ?? new Dictionary<string, string>())
        {
            settings[key] = value;
        }

        var harness = new BackfillHarness(environment, dataRoot, await RunningFunction.ResolveAsync(settings));
        foreach (var (key, value) in settings)
        {
            harness.Settings[key] = value;
        }

        return harness;
    }

    /// <summary>Puts an image (one of the bundled samples, by <paramref name="index"/>) under a name of its kind.</summary>
    public string PutImage(string stem, int index = 0, int padding = 0)
    {
        var (_, contentType, extension) = Samples[index % Samples.Length];
        var bytes = padding == 0 ? _samples[index % Samples.Length] : [.. _samples[index % Samples.Length], .. new byte[padding]];
        var name = stem + extension;
        Environment.BucketStore.Put(LocalEnvironment.Bucket, name, bytes, contentType);
        return name;
    }

    public IReadOnlyList<string> PutImages(string prefix, int count) =>
        [.. Enumerable.Range(0, count).Select(i => PutImage($"{prefix}{i:D4}", i))];

    public LocalObject Put(string name, string text, string contentType) =>
        Environment.BucketStore.Put(LocalEnvironment.Bucket, name, System.Text.Encoding.UTF8.GetBytes(text), contentType);

    public async Task<BackfillResult> RunAsync(params string[] args) => await RunAsync(null, null, default, args);

    public async Task<BackfillResult> RunAsync(IReadOnlyDictionary<string, string?>? settings, TimeProvider? clock, CancellationToken stop, params string[] args)
    {
        var all = new Dictionary<string, string?>(Settings);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        using var output = new StringWriter();
        using var errors = new StringWriter();
        var hooks = new BackfillHooks { Settings = all, Clock = clock, Logging = l => l.ClearProviders(), Stop = stop };
        var exitCode = await BackfillCommand.RunAsync([.. args, "--json"], new DescribeImageStartup(), hooks, output, errors);
        var text = output.ToString();
        return new BackfillResult(exitCode, text.Length > 0 && exitCode != 2 ? JsonDocument.Parse(text).RootElement.Clone() : default, errors.ToString().Trim());
    }

    /// <summary>The built function executable running <c>backfill</c>, with the stand-ins' settings as its environment.</summary>
    public FunctionProcess StartProcess(IReadOnlyDictionary<string, string?> settings, params string[] args)
    {
        var environment = Settings.Concat(settings).GroupBy(kv => kv.Key).ToDictionary(g => g.Key, g => g.Last().Value ?? "");
        environment["FUNCTION_CONFIG"] = TestSettings.FilePath;
        return FunctionProcess.Start(FunctionProcess.BuiltFunction, ["backfill", .. args, "--json"], environment);
    }

    /// <summary>How many model calls each image received, by object name.</summary>
    public Dictionary<string, int> CallsByObject() => Describer.ImageUrls
        .Select(url => url[$"gs://{LocalEnvironment.Bucket}/".Length..])
        .GroupBy(name => name, StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

    public async Task<IReadOnlyList<FirestoreDocument?>> DocumentsAsync(IEnumerable<string> names) =>
        await Documents.BatchGetAsync(names.Select(n => (Collection, DocumentId.FromObjectName(n))), CancellationToken.None);

    public async Task<FirestoreDocument?> DocumentAsync(string name) =>
        await Documents.GetAsync(Collection, DocumentId.FromObjectName(name), CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
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

/// <param name="Summary">The <c>--json</c> summary; default when the run stopped with exit code 2.</param>
internal sealed record BackfillResult(int ExitCode, JsonElement Summary, string Errors)
{
    public long Count(string name) => Summary.GetProperty(name).GetInt64();
}
