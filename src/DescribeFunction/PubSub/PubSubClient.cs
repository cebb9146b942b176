using System.Net.Http.Headers;
using System.Text.Json;
using DescribeFunction.Retries;
using Google.Apis.Auth.OAuth2;

namespace DescribeFunction.PubSub;

/// <summary>
/// Pub/Sub's REST <c>topics.publish</c> over <c>HttpClient</c>: a bearer token per request from
/// <see cref="ITokenAccess"/> (none for the emulator), and no answer, 408, 429 or 5xx retried a few times with
/// backoff. A retry after a lost answer may publish twice: Pub/Sub delivers at least once anyway. Thread-safe; make
/// one per process.
/// </summary>
public sealed partial class PubSubClient : IPubSubPublisher
{
    public static readonly Uri ProductionBaseUrl = new("https://pubsub.googleapis.com/v1/");

    private const int MaxAttempts = 4;
    private const int MaxMessageLength = 300;
    private static readonly MediaTypeHeaderValue JsonContentType = new("application/json");

    private readonly HttpClient _http;
    private readonly Uri _baseUrl;
    private readonly ITokenAccess? _auth;
    private readonly Backoff _backoff;

    /// <param name="auth">Tokens for Google's API; null for an emulator, which takes none.</param>
    public PubSubClient(HttpClient httpClient, Uri baseUrl, ITokenAccess? auth, Backoff? backoff = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(baseUrl);
        _http = httpClient;
        _baseUrl = baseUrl.AbsoluteUri.EndsWith('/') ? baseUrl : new Uri(baseUrl.AbsoluteUri + "/");
        _auth = auth;
        _backoff = backoff ?? new Backoff(TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(2));
    }

    /// <summary>The emulator at <paramref name="emulatorHost"/> (<c>host:port</c>, plain HTTP) when given, else Pub/Sub itself.</summary>
    public static PubSubClient Create(string? emulatorHost, ITokenAccess? credential, HttpClient? httpClient = null)
    {
        httpClient ??= new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        return emulatorHost is { Length: > 0 }
            ? new PubSubClient(httpClient, new Uri($"http://{emulatorHost}/v1/"), auth: null)
            : new PubSubClient(httpClient, ProductionBaseUrl, credential
                ?? throw new ArgumentNullException(nameof(credential), "A Google credential is required unless a Pub/Sub emulator host is given."));
    }

    public async Task<string> PublishAsync(string topic, PubSubMessage message, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        ArgumentNullException.ThrowIfNull(message);
        if (PubSubLimits.Violation(message) is { } violation)
        {
            throw new PubSubException($"Pub/Sub would refuse the message to {topic}: {violation}.", isTransient: false);
        }

        var body = RequestBody(message);
        var uri = new Uri(_baseUrl, topic + ":publish");
        for (var attempt = 1; ; attempt++)
        {
            PubSubException failure;
            try
            {
                return await SendAsync(uri, body, topic, cancellationToken);
            }
            catch (PubSubException e)
            {
                failure = e;
            }
            catch (HttpRequestException e)
            {
                failure = new PubSubException($"Publishing to {topic} got no answer: {e.Message}", isTransient: true, e);
            }
            catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
            {
                failure = new PubSubException($"Publishing to {topic} got no answer within the HTTP timeout.", isTransient: true, e);
            }

            if (!failure.IsTransient || attempt >= MaxAttempts)
            {
                throw failure;
            }

            await Task.Delay(_backoff.Before(attempt), cancellationToken);
        }
    }

    private async Task<string> SendAsync(Uri uri, byte[] body, string topic, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = JsonContentType;
        if (_auth is not null)
        {
            // A fresh token for every request: the credential caches and refreshes, the client never holds one.
            var token = await _auth.GetAccessTokenForRequestAsync(cancellationToken: cancellationToken);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await _http.SendAsync(request, cancellationToken);
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        var status = (int)response.StatusCode;
        if (!response.IsSuccessStatusCode)
        {
            throw new PubSubException($"Publishing to {topic} failed with HTTP {status}{ErrorText(bytes)}.", TransientStatus.IsTransient(status));
        }

        using var answer = JsonDocument.Parse(bytes);
        return answer.RootElement.TryGetProperty("messageIds", out var ids) && ids.ValueKind == JsonValueKind.Array
            && ids.GetArrayLength() == 1 && ids[0].GetString() is { Length: > 0 } id
            ? id
            : throw new PubSubException($"Publishing to {topic} answered HTTP {status} without one message id.", isTransient: true);
    }

    private static byte[] RequestBody(PubSubMessage message)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartArray("messages");
            json.WriteStartObject();
            json.WriteBase64String("data", message.Data.Span);
            json.WriteStartObject("attributes");
            foreach (var (key, value) in message.Attributes)
            {
                json.WriteString(key, value);
            }

            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>Google's error body <c>{"error":{"status","message"}}</c> as ": STATUS: message", or nothing.</summary>
    private static string ErrorText(byte[] body)
    {
        try
        {
            using var error = JsonDocument.Parse(body);
            if (error.RootElement.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.Object)
            {
                var status = e.TryGetProperty("status", out var s) ? s.GetString() : null;
                var text = e.TryGetProperty("message", out var m) ? m.GetString() : null;
                text = text is { Length: > MaxMessageLength } ? text[..MaxMessageLength] + "…" : text;
                return $" ({status}): {text?.TrimEnd('.')}";
            }
        }
        catch (JsonException)
        {
        }

        return "";
    }
}
