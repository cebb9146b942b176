using DescribeFunction.Local.Emulators;
using DescribeFunction.Local.Hosting;

namespace DescribeFunction.Tests.Infrastructure;

/// <summary>
/// One Google Pub/Sub emulator for the whole test run, on a free port: started by the first test that asks, stopped
/// when the run ends (<see cref="TestRunFramework"/>). Each test makes a topic and a subscription of its own
/// (<see cref="TopicAsync"/>). When it cannot start, the asking test fails saying why.
/// </summary>
public static class SharedPubSubEmulator
{
    private static readonly Lazy<Task<OfficialPubSubEmulator>> Started = new(() => OfficialPubSubEmulator.StartAsync(FreePort.Find(), TimeSpan.FromSeconds(180)));

    /// <summary>A fresh topic with a pull subscription on it, named for one test.</summary>
    public static async Task<NoticeTopic> TopicAsync()
    {
        var emulator = await Started.Value;
        var topic = "notices-" + Guid.NewGuid().ToString("N")[..12];
        await emulator.CreateTopicAsync(LocalEnvironment.ProjectId, topic);
        await emulator.CreateSubscriptionAsync(LocalEnvironment.ProjectId, topic + "-pull", topic);
        return new NoticeTopic(emulator, topic);
    }

    /// <summary>Stops the emulator when one was started; disposed by <see cref="TestRunFramework"/> at the end of the run.</summary>
    internal sealed class Stopper : IDisposable
    {
        public void Dispose()
        {
            if (Started.IsValueCreated && Started.Value.IsCompletedSuccessfully)
            {
                Started.Value.Result.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }
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
        var deadline = DateTimeOffset.UtcNow.AddMinutes(3);
        for (var empty = 0; empty < 2;)
        {
            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException($"Pulling {topic}-pull still brought messages after 3 minutes ({Received.Count} so far); something keeps publishing.");
            }

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
