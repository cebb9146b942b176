using System.Text;
using System.Text.Json;
using DescribeFunction.Local.Hosting;

namespace DescribeFunction.Local.Emulators;

/// <summary>
/// Google's Pub/Sub emulator (Cloud SDK component <c>pubsub-emulator</c>), started through <c>gcloud beta emulators
/// pubsub start</c> on a loopback port, with the REST calls a local run needs: create a topic and a pull
/// subscription, pull what arrived. It takes any project name of 3 or more characters, and ignores subscription
/// filters: every subscription gets every message.
/// </summary>
public sealed class OfficialPubSubEmulator : IAsyncDisposable
{
    private const string ReadyLine = "Server started, listening on";
    private readonly GcloudEmulatorProcess _process;
    private readonly HttpClient _http;

    private OfficialPubSubEmulator(GcloudEmulatorProcess process, int port)
    {
        _process = process;
        HostPort = $"127.0.0.1:{port}";
        _http = new HttpClient { BaseAddress = new Uri($"http://{HostPort}/v1/"), Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>The value for <c>PUBSUB_EMULATOR_HOST</c>.</summary>
    public string HostPort { get; }

    /// <summary>Starts the emulator, or throws <see cref="EmulatorUnavailableException"/> saying why it could not.</summary>
    public static async Task<OfficialPubSubEmulator> StartAsync(int port = 0, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        PortInUseException.ThrowIfTaken("Google's Pub/Sub emulator", port);
        port = port > 0 ? port : GcloudEmulatorProcess.FreeLoopbackPort();
        var process = await GcloudEmulatorProcess.StartAsync(
            ["beta", "emulators", "pubsub", "start", $"--host-port=127.0.0.1:{port}", "--quiet"],
            ReadyLine, "pubsub-emulator", timeout ?? TimeSpan.FromSeconds(60), cancellationToken);
        return new OfficialPubSubEmulator(process, port);
    }

    /// <summary>Creates <c>projects/{project}/topics/{topic}</c>; an existing one is left as it is.</summary>
    public Task CreateTopicAsync(string project, string topic, CancellationToken cancellationToken = default) =>
        PutAsync($"projects/{project}/topics/{topic}", "{}", cancellationToken);

    /// <summary>Creates a pull subscription on the topic; an existing one is left as it is.</summary>
    public Task CreateSubscriptionAsync(string project, string subscription, string topic, CancellationToken cancellationToken = default) =>
        PutAsync($"projects/{project}/subscriptions/{subscription}", JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["topic"] = $"projects/{project}/topics/{topic}",
            ["ackDeadlineSeconds"] = 60,
        }), cancellationToken);

    /// <summary>
    /// Pulls up to <paramref name="max"/> messages that have arrived and acknowledges them; with none waiting it answers
    /// at once with none (<c>returnImmediately</c>, which the emulator honours) instead of holding the request open.
    /// </summary>
    public async Task<IReadOnlyList<ReceivedMessage>> PullAsync(string project, string subscription, int max = 100, CancellationToken cancellationToken = default)
    {
        var path = $"projects/{project}/subscriptions/{subscription}";
        using var response = await _http.PostAsync($"{path}:pull", JsonContent($"{{\"maxMessages\":{max},\"returnImmediately\":true}}"), cancellationToken);
        await EnsureAsync(response, "pull from " + path, cancellationToken);
        using var answer = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync(cancellationToken));
        if (!answer.RootElement.TryGetProperty("receivedMessages", out var received))
        {
            return [];
        }

        var messages = received.EnumerateArray().Select(ReceivedMessage.Parse).ToArray();
        var acks = JsonSerializer.Serialize(new Dictionary<string, string[]> { ["ackIds"] = [.. messages.Select(m => m.AckId)] });
        using var acked = await _http.PostAsync($"{path}:acknowledge", JsonContent(acks), cancellationToken);
        await EnsureAsync(acked, "acknowledge on " + path, cancellationToken);
        return messages;
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _process.DisposeAsync();
    }

    private async Task PutAsync(string path, string body, CancellationToken cancellationToken)
    {
        using var response = await _http.PutAsync(path, JsonContent(body), cancellationToken);
        if ((int)response.StatusCode != 409)
        {
            await EnsureAsync(response, "create " + path, cancellationToken);
        }
    }

    private static StringContent JsonContent(string json) => new(json, Encoding.UTF8, "application/json");

    private static async Task EnsureAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"The Pub/Sub emulator refused to {what}: HTTP {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }
    }
}

/// <summary>A message as a subscriber receives it.</summary>
public sealed record ReceivedMessage(string AckId, string MessageId, IReadOnlyDictionary<string, string> Attributes, string Data)
{
    internal static ReceivedMessage Parse(JsonElement received)
    {
        var message = received.GetProperty("message");
        var attributes = message.TryGetProperty("attributes", out var a)
            ? a.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? "", StringComparer.Ordinal)
            : [];
        var data = message.TryGetProperty("data", out var d) ? Encoding.UTF8.GetString(d.GetBytesFromBase64()) : "";
        return new ReceivedMessage(received.GetProperty("ackId").GetString()!, message.GetProperty("messageId").GetString()!, attributes, data);
    }
}
