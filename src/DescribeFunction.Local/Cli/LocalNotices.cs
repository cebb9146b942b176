using DescribeFunction.Local.Emulators;
using DescribeFunction.Local.Hosting;

namespace DescribeFunction.Local.Cli;

/// <summary>
/// <c>serve --pubsub</c>: Google's Pub/Sub emulator with the topic the function publishes notices to and a pull
/// subscription on it, printing each notice as it arrives.
/// </summary>
internal sealed class LocalNotices : IAsyncDisposable
{
    public const int DefaultPort = 8686;
    public const string Topic = "description-notices";
    public const string Subscription = "description-notices-pull";
    private static readonly TimeSpan PullInterval = TimeSpan.FromMilliseconds(500);

    private readonly OfficialPubSubEmulator _emulator;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _printing;

    private LocalNotices(OfficialPubSubEmulator emulator, TextWriter output)
    {
        _emulator = emulator;
        _printing = PrintAsync(output, _stop.Token);
    }

    public string HostPort => _emulator.HostPort;

    /// <summary>What points the function at the emulator's topic.</summary>
    public IReadOnlyDictionary<string, string> FunctionSettings => new Dictionary<string, string>
    {
        ["NOTIFY_TOPIC"] = Topic,
        ["PUBSUB_EMULATOR_HOST"] = _emulator.HostPort,
    };

    public static async Task<LocalNotices> StartAsync(int port, TextWriter output, CancellationToken cancellationToken)
    {
        var emulator = await OfficialPubSubEmulator.StartAsync(port, cancellationToken: cancellationToken);
        try
        {
            await emulator.CreateTopicAsync(LocalEnvironment.ProjectId, Topic, cancellationToken);
            await emulator.CreateSubscriptionAsync(LocalEnvironment.ProjectId, Subscription, Topic, cancellationToken);
        }
        catch
        {
            await emulator.DisposeAsync();
            throw;
        }

        return new LocalNotices(emulator, output);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _printing;
        _stop.Dispose();
        await _emulator.DisposeAsync();
    }

    private async Task PrintAsync(TextWriter output, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                foreach (var message in await _emulator.PullAsync(LocalEnvironment.ProjectId, Subscription, cancellationToken: cancellationToken))
                {
                    var a = message.Attributes;
                    await output.WriteLineAsync(
                        $"notice {message.MessageId}: {a.GetValueOrDefault("status")} gs://{a.GetValueOrDefault("bucket")}/{a.GetValueOrDefault("objectName")} generation {a.GetValueOrDefault("generation")}");
                }

                await Task.Delay(PullInterval, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (HttpRequestException e)
            {
                await output.WriteLineAsync($"Pulling notices failed ({e.Message}); trying again.");
                await Task.Delay(PullInterval * 4, cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }
}
