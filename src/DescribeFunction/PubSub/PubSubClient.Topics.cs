using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace DescribeFunction.PubSub;

/// <summary>Whether a topic can be published to, as <c>doctor</c> asks before the first notice.</summary>
public enum TopicAccess
{
    Publishable,
    Missing,
    NotPermitted,
}

public sealed partial class PubSubClient
{
    private static readonly byte[] PublishPermission = Encoding.UTF8.GetBytes("""{"permissions":["pubsub.topics.publish"]}""");

    /// <summary>
    /// Whether <paramref name="topic"/> (<c>projects/P/topics/T</c>) exists and this caller may publish to it: on
    /// Pub/Sub, <c>topics.testIamPermissions</c>, which needs no permission of its own (a publisher may not get the
    /// topic); on the emulator, which has no IAM, <c>topics.get</c>. One request, not retried.
    /// </summary>
    /// <exception cref="PubSubException">Any other answer.</exception>
    public async Task<TopicAccess> CheckTopicAsync(string topic, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        using var request = _auth is null
            ? new HttpRequestMessage(HttpMethod.Get, new Uri(_baseUrl, topic))
            : new HttpRequestMessage(HttpMethod.Post, new Uri(_baseUrl, topic + ":testIamPermissions")) { Content = new ByteArrayContent(PublishPermission) };
        if (_auth is not null)
        {
            request.Content!.Headers.ContentType = JsonContentType;
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await _auth.GetAccessTokenForRequestAsync(cancellationToken: cancellationToken));
        }

        using var response = await _http.SendAsync(request, cancellationToken);
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return TopicAccess.Missing;
        }

        if (!response.IsSuccessStatusCode)
        {
            throw new PubSubException($"Asking Pub/Sub about {topic} failed with HTTP {(int)response.StatusCode}{ErrorText(bytes)}.", isTransient: false);
        }

        if (_auth is null)
        {
            return TopicAccess.Publishable;
        }

        using var answer = JsonDocument.Parse(bytes);
        return answer.RootElement.TryGetProperty("permissions", out var granted) && granted.ValueKind == JsonValueKind.Array
            && granted.EnumerateArray().Any(p => p.GetString() == "pubsub.topics.publish")
            ? TopicAccess.Publishable
            : TopicAccess.NotPermitted;
    }
}
