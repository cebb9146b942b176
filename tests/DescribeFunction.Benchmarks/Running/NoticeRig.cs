using DescribeFunction.Benchmarks.Faults;
using DescribeFunction.Local.Emulators;
using DescribeFunction.Local.Hosting;

namespace DescribeFunction.Benchmarks.Running;

/// <summary>
/// <c>--notify</c>: Google's Pub/Sub emulator with a topic and a pull subscription, the function pointed at it
/// (through a relay that injects publish faults, in the load test), and the messages pulled back at the end.
/// </summary>
internal sealed class NoticeRig : IAsyncDisposable
{
    private const string Topic = "bench-notices";
    private const string Subscription = "bench-notices-pull";

    private readonly OfficialPubSubEmulator _emulator;

    private NoticeRig(OfficialPubSubEmulator emulator, RelayProxy? relay)
    {
        _emulator = emulator;
        Relay = relay;
    }

    /// <summary>The relay in front of the emulator, when faults are injected.</summary>
    public RelayProxy? Relay { get; }

    public Dictionary<string, string> Settings => new()
    {
        ["NOTIFY_TOPIC"] = Topic,
        ["PUBSUB_EMULATOR_HOST"] = Relay?.HostAndPort ?? _emulator.HostPort,
    };

    /// <param name="chooseFault">Faults for publish requests, through a relay; null publishes to the emulator directly.</param>
    public static async Task<NoticeRig> StartAsync(ObjectNames objectNames, Func<string, string?, FaultChoice?>? chooseFault, CancellationToken cancellationToken)
    {
        // A busy machine can take minutes to start the emulator's JVM.
        var emulator = await OfficialPubSubEmulator.StartAsync(timeout: TimeSpan.FromSeconds(240), cancellationToken: cancellationToken);
        await emulator.CreateTopicAsync(LocalEnvironment.ProjectId, Topic, cancellationToken);
        await emulator.CreateSubscriptionAsync(LocalEnvironment.ProjectId, Subscription, Topic, cancellationToken);
        var relay = chooseFault is null ? null : await RelayProxy.StartAsync(new Uri($"http://{emulator.HostPort}/"), objectNames, chooseFault, cancellationToken);
        return new NoticeRig(emulator, relay);
    }

    /// <summary>Every message on the subscription, pulled until two pulls in a row bring nothing.</summary>
    public async Task<IReadOnlyList<ReceivedMessage>> DrainAsync(CancellationToken cancellationToken)
    {
        var all = new List<ReceivedMessage>();
        for (var empty = 0; empty < 2;)
        {
            var batch = await _emulator.PullAsync(LocalEnvironment.ProjectId, Subscription, 1000, cancellationToken);
            all.AddRange(batch);
            empty = batch.Count == 0 ? empty + 1 : 0;
        }

        return all;
    }

    public async ValueTask DisposeAsync()
    {
        if (Relay is not null)
        {
            await Relay.DisposeAsync();
        }

        await _emulator.DisposeAsync();
    }
}
