using System.Net;
using System.Text.Json;
using DescribeFunction.Local.Describer;
using DescribeFunction.Local.Hosting;
using DescribeFunction.Search;
using DescribeFunction.Tests.EndToEnd;
using DescribeFunction.Tests.Infrastructure;

namespace DescribeFunction.Tests.Search;

/// <summary>
/// The function with embeddings on, writing to a collection of its own on the Firestore a test names, and the
/// <c>search</c> command run in-process with the same settings, as an operator runs it beside the function.
/// </summary>
public sealed class SearchHarness : IAsyncDisposable
{
    /// <summary>The samples whose answer is known: each query below names what only one of them shows.</summary>
    public static readonly string[] Samples = ["blue-white-portrait.png", "green-yellow-square.webp", "sunset-landscape.jpg"];

    private readonly Dictionary<string, string?> _settings;

    private SearchHarness(FunctionWithStandIns stack, Dictionary<string, string?> settings)
    {
        Stack = stack;
        _settings = settings;
    }

    public FunctionWithStandIns Stack { get; }

    public DescriberLog Log => DescriberStandIn.GetLog(Stack.Environment.Describer);

    /// <param name="firestore"><c>standin</c> or <c>emulator</c> (the test run's shared Google emulator).</param>
    /// <param name="structured">Structured output, where the labels the <c>--label</c> filter needs come from.</param>
    /// <param name="project">A project of the test's own (each is a separate database on the emulator), with the production names of the database and collection, as a reader's code has them.</param>
    public static async Task<SearchHarness> StartAsync(string firestore, bool structured = false, string? project = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["EMBEDDING_MODEL"] = LocalEnvironment.DefaultEmbeddingModel,
            ["FIRESTORE_COLLECTION"] = "search-" + Guid.NewGuid().ToString("N")[..12],
        };
        if (project is not null)
        {
            settings["GOOGLE_CLOUD_PROJECT"] = project;
            settings["FIRESTORE_DATABASE"] = "(default)";
            settings["FIRESTORE_COLLECTION"] = "imageDescriptions";
        }

        if (structured)
        {
            settings["DESCRIBE_OUTPUT"] = "structured";
        }

        var stack = await FunctionWithStandIns.StartAsync(settings, firestore: await SharedFirestoreEmulator.BackendAsync(firestore));
        return new SearchHarness(stack, settings);
    }

    public static byte[] Sample(string file) => DescribeEndToEndTests.Sample(file);

    public static string ContentType(string file) => Path.GetExtension(file) switch
    {
        ".jpg" => "image/jpeg",
        ".webp" => "image/webp",
        _ => "image/png",
    };

    /// <summary>Describes every sample under the prefix (<c>prefix + sample</c>), one event each.</summary>
    public async Task DescribeSamplesAsync(string prefix)
    {
        foreach (var sample in Samples)
        {
            var response = await Stack.UploadAndDeliverAsync(prefix + sample, Sample(sample), ContentType(sample));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    /// <summary>Runs <c>search ARGS</c> with the function's own settings.</summary>
    public async Task<(int Code, string Output, string Errors)> SearchAsync(params string[] args)
    {
        var settings = Stack.Environment.FunctionSettings.ToDictionary(kv => kv.Key, kv => (string?)kv.Value);
        foreach (var (key, value) in _settings)
        {
            settings[key] = value;
        }

        using var output = new StringWriter();
        using var errors = new StringWriter();
        var code = await SearchCommand.RunAsync(args, settings, output, errors, CancellationToken.None);
        return (code, output.ToString(), errors.ToString());
    }

    /// <summary>Runs <c>search ARGS --json</c>, which must succeed, and reads its results in order.</summary>
    public async Task<List<(string Name, double Distance)>> RunAsync(params string[] args)
    {
        var (code, output, errors) = await SearchAsync([.. args, "--json"]);
        Assert.True(code == 0, $"search {string.Join(' ', args)} exited {code}: {errors}");
        return Results(output);
    }

    public async Task<List<string>> NamesAsync(params string[] args) => [.. (await RunAsync(args)).Select(r => r.Name)];

    /// <summary>The name and distance of each result of <c>search --json</c>, in order.</summary>
    public static List<(string Name, double Distance)> Results(string json)
    {
        using var document = JsonDocument.Parse(json);
        return [.. document.RootElement.GetProperty("results").EnumerateArray()
            .Select(r => (r.GetProperty("name").GetString()!, r.GetProperty("distance").GetDouble()))];
    }

    public ValueTask DisposeAsync() => Stack.DisposeAsync();
}
