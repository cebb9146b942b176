using DescribeFunction.Firestore;
using DescribeFunction.Local.Faults;
using DescribeFunction.Local.Hosting;
using DescribeFunction.Store;
using DescribeFunction.Tests.EndToEnd;
using DescribeFunction.Tests.Infrastructure;

namespace DescribeFunction.Tests.Lookups;

/// <summary>
/// Two Firestores holding the same descriptions, written by the real function in structured mode: the stand-in, and
/// Google's official emulator (the test run's shared one). The object names avoid '/', which the emulator decodes into a path.
/// </summary>
public sealed class LookupFixture : IAsyncLifetime
{
    private readonly string _dataRoot = Path.Combine(Path.GetTempPath(), "lookup-tests-" + Guid.NewGuid().ToString("N"));
    private LocalEnvironment _environment = null!;

    /// <summary>Uploaded in this order, so newest first is the reverse.</summary>
    public static readonly (string Name, string Sample, string ContentType)[] Described =
    [
        ("trip-sunset.jpg", "sunset-landscape.jpg", "image/jpeg"),
        ("trip-portrait.png", "blue-white-portrait.png", "image/png"),
        ("trip-square.webp", "green-yellow-square.webp", "image/webp"),
        ("scan-portrait.png", "blue-white-portrait.png", "image/png"),
    ];

    /// <summary>The model's output never matched the schema: failed, no labels.</summary>
    public const string Broken = "broken.png";

    /// <summary>Written directly: labelled but failed, so only the status filter keeps it out.</summary>
    public const string LabelledButFailed = "legacy-graphic.png";

    /// <summary>Fresh for each run, so the run's shared emulator (or one already running, CONFORMANCE_EMULATOR_HOST) can be reused.</summary>
    public string Collection { get; } = "lookups" + Guid.NewGuid().ToString("N")[..8];

    public Dictionary<string, HttpClient> Firestores { get; } = [];

    public async Task InitializeAsync()
    {
        _environment = await LocalEnvironment.StartAsync(LocalPorts.Ephemeral, _dataRoot);
        await SeedAsync("standin", _environment.FirestoreHostAndPort);
        var emulator = await SharedFirestoreEmulator.GetAsync();
        await SeedAsync("emulator", emulator.HostAndPort
            ?? throw new InvalidOperationException($"The official Firestore emulator is unavailable, so the lookups cannot be compared on it: {emulator.Unavailable}"));
    }

    private async Task SeedAsync(string target, string hostPort)
    {
        var settings = _environment.FunctionSettings.ToDictionary(kv => kv.Key, kv => (string?)kv.Value);
        settings["FIRESTORE_EMULATOR_HOST"] = hostPort;
        settings["FIRESTORE_DATABASE"] = "(default)";
        settings["FIRESTORE_COLLECTION"] = Collection;
        settings["DESCRIBE_OUTPUT"] = "structured";
        await using (var function = await RunningFunction.StartAsync(settings))
        {
            foreach (var (name, sample, contentType) in Described)
            {
                await DeliverAsync(function, name, sample, contentType);
            }

            _environment.Describer.Faults.Add(new FaultPlan { InvalidStructuredOutput = true, Count = 2, PathContains = "chat/completions" });
            await DeliverAsync(function, Broken, "blue-white-portrait.png", "image/png");
        }

        var documents = FirestoreClient.Create(LocalEnvironment.ProjectId, "(default)", hostPort, credential: null);
        var legacy = new DocumentFields()
            .Set(DescriptionFields.Name, LabelledButFailed)
            .Set(DescriptionFields.Status, DescriptionStatus.Failed)
            .Set(DescriptionFields.Labels, new[] { "graphic", "portrait" })
            .Set(DescriptionFields.UpdatedAt, new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        await documents.CommitAsync([FirestoreWrite.Replace(Collection, LabelledButFailed, legacy, FirestorePrecondition.MustNotExist)], CancellationToken.None);
        Firestores[target] = new HttpClient { BaseAddress = new Uri($"http://{hostPort}/"), Timeout = TimeSpan.FromSeconds(30) };
    }

    private async Task DeliverAsync(RunningFunction function, string name, string sample, string contentType)
    {
        var stored = _environment.BucketStore.Put(LocalEnvironment.Bucket, name, DescribeEndToEndTests.Sample(sample), contentType);
        using var response = await function.Client.SendAsync(FinalizedEvent.Create(stored));
        Assert.True(response.IsSuccessStatusCode, $"Describing {name} answered {(int)response.StatusCode}.");
    }

    public async Task DisposeAsync()
    {
        foreach (var client in Firestores.Values)
        {
            client.Dispose();
        }

        await _environment.DisposeAsync();
        try
        {
            Directory.Delete(_dataRoot, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
