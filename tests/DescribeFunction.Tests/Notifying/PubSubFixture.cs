using DescribeFunction.Local.Hosting;

namespace DescribeFunction.Tests.Notifying;

/// <summary>
/// Google's Pub/Sub emulator, started once per test run on a free port the first time a test asks for it (so the
/// Firestore suites it shares a collection with do not wait for it), and stopped at the end. Each test makes a topic
/// and a subscription of its own. When it cannot start, the asking test fails saying why.
/// </summary>
public sealed class PubSubFixture : IAsyncLifetime
{
    private readonly Lazy<Task<OfficialPubSubEmulator>> _emulator = new(() => OfficialPubSubEmulator.StartAsync(FreePort.Find(), TimeSpan.FromSeconds(120)));

    public Task<OfficialPubSubEmulator> EmulatorAsync() => _emulator.Value;

    /// <summary>A fresh topic with a pull subscription on it, named for one test.</summary>
    public async Task<NoticeTopic> TopicAsync()
    {
        var emulator = await EmulatorAsync();
        var topic = "notices-" + Guid.NewGuid().ToString("N")[..12];
        await emulator.CreateTopicAsync(LocalEnvironment.ProjectId, topic);
        await emulator.CreateSubscriptionAsync(LocalEnvironment.ProjectId, topic + "-pull", topic);
        return new NoticeTopic(emulator, topic);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_emulator.IsValueCreated && _emulator.Value.IsCompletedSuccessfully)
        {
            await _emulator.Value.Result.DisposeAsync();
        }
    }
}

/// <summary>One test's topic on the shared emulator, and everything its subscription has received so far.</summary>
public sealed class NoticeTopic(OfficialPubSubEmulator emulator, string topic)
{
    public string Topic => topic;

    public string HostPort => emulator.HostPort;

    public List<ReceivedMessage> Received { get; } = [];

    /// <summary>The settings that make the function publish to this topic.</summary>
    public Dictionary<string, string?> Settings => new() { ["NOTIFY_TOPIC"] = topic, ["PUBSUB_EMULATOR_HOST"] = emulator.HostPort };

    /// <summary>Pulls until two pulls in a row bring nothing, then returns all received so far.</summary>
    public async Task<IReadOnlyList<ReceivedMessage>> DrainAsync()
    {
        for (var empty = 0; empty < 2;)
        {
            var batch = await emulator.PullAsync(LocalEnvironment.ProjectId, topic + "-pull");
            Received.AddRange(batch);
            empty = batch.Count == 0 ? empty + 1 : 0;
            if (batch.Count == 0)
            {
                await Task.Delay(200);
            }
        }

        return Received;
    }
}
