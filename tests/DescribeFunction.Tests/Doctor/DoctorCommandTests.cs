using DescribeFunction.Doctor;
using DescribeFunction.Local.Describer;
using DescribeFunction.Local.Firestore;
using DescribeFunction.Local.Hosting;
using DescribeFunction.Tests.Docs;
using DescribeFunction.Tests.Infrastructure;
using DescribeFunction.Tests.Search;

namespace DescribeFunction.Tests.Doctor;

/// <summary>
/// <c>DescribeFunction doctor</c> run in-process against <c>serve</c>'s stand-ins (and Google's Firestore and Pub/Sub
/// emulators), with the settings a local function gets: every check passes; a missing topic and an unreachable
/// Firestore are each one ✗ line naming the thing and the fix. Every run has a deadline.
/// </summary>
public sealed class DoctorCommandTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(120);

    [Theory]
    [InlineData("standin")]
    [InlineData("emulator")]
    public async Task OnTheStandIns_EveryCheckPasses(string firestore)
    {
        var topic = await SharedPubSubEmulator.TopicAsync();
        await using var stack = await StandIns.StartAsync(firestore);

        var (code, lines) = await stack.DoctorAsync(new() { ["NOTIFY_TOPIC"] = topic.Topic, ["PUBSUB_EMULATOR_HOST"] = topic.HostPort });

        Assert.True(code == 0, string.Join('\n', lines));
        Assert.Equal(10, lines.Count);
        Assert.All(lines, line => Assert.StartsWith(DoctorRunner.Passed + " ", line, StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains($"topics/{topic.Topic}: exists", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("one minimal call", StringComparison.Ordinal));
        Assert.Equal(1, DescriberStandIn.GetLog(stack.Environment.Describer).RequestCount);
        // The scratch document is gone again.
        Assert.Empty(await stack.Environment.CreateDocumentsClient().ListAsync(stack.Collection, CancellationToken.None));
    }

    [Fact]
    public async Task NoModelCall_SkipsTheDescriber_AndSaysSo()
    {
        await using var stack = await StandIns.StartAsync("standin");

        var (code, lines) = await stack.DoctorAsync([], "--no-model-call");

        Assert.True(code == 0, string.Join('\n', lines));
        Assert.Contains(lines, l => l.StartsWith(DoctorRunner.NotRun + " Describer", StringComparison.Ordinal) && l.Contains("--no-model-call", StringComparison.Ordinal));
        Assert.Equal(0, DescriberStandIn.GetLog(stack.Environment.Describer).RequestCount);
    }

    [Fact]
    public async Task AMissingTopic_IsNamed_WithTheCommandThatCreatesIt()
    {
        var emulator = await SharedPubSubEmulator.TopicAsync();
        await using var stack = await StandIns.StartAsync("standin");

        var (code, lines) = await stack.DoctorAsync(new() { ["NOTIFY_TOPIC"] = "no-such-topic", ["PUBSUB_EMULATOR_HOST"] = emulator.HostPort });

        Assert.Equal(1, code);
        var failed = Assert.Single(lines, l => l.StartsWith(DoctorRunner.Failed, StringComparison.Ordinal));
        Assert.Contains($"topic projects/{LocalEnvironment.ProjectId}/topics/no-such-topic does not exist", failed, StringComparison.Ordinal);
        Assert.Contains("gcloud pubsub topics create no-such-topic", failed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnreachableFirestore_IsNamed_AndItsDocumentsAreNotChecked()
    {
        await using var stack = await StandIns.StartAsync("standin");

        var (code, lines) = await stack.DoctorAsync(new() { ["FIRESTORE_EMULATOR_HOST"] = "127.0.0.1:1" });

        Assert.Equal(1, code);
        var failed = lines.Where(l => l.StartsWith(DoctorRunner.Failed, StringComparison.Ordinal)).ToList();
        Assert.Contains(failed, l => l.StartsWith($"{DoctorRunner.Failed} Firestore database (default) of {LocalEnvironment.ProjectId}: no answer from 127.0.0.1:1;", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith($"{DoctorRunner.NotRun} Collection", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith($"{DoctorRunner.Passed} Trigger bucket", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("   at ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AMissingVectorIndex_GivesTheCommandThatCreatesIt_AndTheShippedIndexesServeTheCheck()
    {
        await using var stack = await StandIns.StartAsync("standin");
        var store = FirestoreStandIn.Documents(stack.Environment.Firestore);
        store.VectorIndexes = new VectorIndexes();

        var (code, lines) = await stack.DoctorAsync([]);

        Assert.Equal(1, code);
        var failed = Assert.Single(lines, l => l.StartsWith(DoctorRunner.Failed, StringComparison.Ordinal));
        Assert.StartsWith($"{DoctorRunner.Failed} Vector index on {stack.Collection}.embedding: Firestore has no vector index of 768 dimensions", failed, StringComparison.Ordinal);
        var command = failed[failed.IndexOf("gcloud ", StringComparison.Ordinal)..];
        store.VectorIndexes.Add(GcloudIndexCommand.Parse(command));
        Assert.Equal(0, (await stack.DoctorAsync([])).Code);

        store.VectorIndexes = VectorIndexes.FromIndexFile(Repository.Read("docs/firestore/firestore.indexes.json"), stack.Collection);
        Assert.Equal(0, (await stack.DoctorAsync([])).Code);
    }

    [Fact]
    public async Task ABadSetting_IsOneFailedLine_AndNothingElseIsChecked()
    {
        await using var stack = await StandIns.StartAsync("standin");

        var (code, lines) = await stack.DoctorAsync(new() { ["DESCRIBE_DEADLINE"] = "forever" });

        Assert.Equal(1, code);
        var line = Assert.Single(lines);
        Assert.StartsWith($"{DoctorRunner.Failed} Settings: ", line, StringComparison.Ordinal);
        Assert.Contains("DESCRIBE_DEADLINE", line, StringComparison.Ordinal);
    }

    /// <summary>The stand-ins alone (no function), and doctor run with their settings, a bucket and a budget.</summary>
    private sealed class StandIns : IAsyncDisposable
    {
        private readonly string _dataRoot;

        private StandIns(LocalEnvironment environment, string dataRoot)
        {
            Environment = environment;
            _dataRoot = dataRoot;
        }

        public LocalEnvironment Environment { get; }

        public string Collection { get; } = "doctor-" + Guid.NewGuid().ToString("N")[..12];

        public static async Task<StandIns> StartAsync(string firestore)
        {
            var dataRoot = Path.Combine(Path.GetTempPath(), "doctor-tests-" + Guid.NewGuid().ToString("N"));
            var environment = await LocalEnvironment.StartAsync(LocalPorts.Ephemeral, dataRoot, await SharedFirestoreEmulator.BackendAsync(firestore)).WaitAsync(Deadline);
            return new StandIns(environment, dataRoot);
        }

        public async Task<(int Code, List<string> Lines)> DoctorAsync(Dictionary<string, string?> overrides, params string[] args)
        {
            var settings = Environment.FunctionSettings.ToDictionary(kv => kv.Key, kv => (string?)kv.Value);
            settings["TRIGGER_BUCKET"] = LocalEnvironment.Bucket;
            settings["FIRESTORE_DATABASE"] = "(default)";
            settings["FIRESTORE_COLLECTION"] = Collection;
            settings["FIRESTORE_USAGE_COLLECTION"] = Collection + "-usage";
            settings["DAILY_IMAGE_BUDGET"] = "1000";
            foreach (var (key, value) in overrides)
            {
                settings[key] = value;
            }

            using var output = new StringWriter();
            using var deadline = new CancellationTokenSource(Deadline);
            var code = await DoctorCommand.RunAsync(args, settings, output, deadline.Token).WaitAsync(Deadline);
            return (code, [.. output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)]);
        }

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
}
