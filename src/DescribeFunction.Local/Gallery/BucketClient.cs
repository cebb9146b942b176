using System.Globalization;
using System.Text.Json;

namespace DescribeFunction.Local.Gallery;

/// <summary>One object of a listing, with the fields the gallery shows.</summary>
public sealed record BucketObject(string Name, long Generation, string? ContentType, long Size, DateTimeOffset TimeCreated, string? ContentEncoding);

/// <summary>An object version's bytes and the content type Cloud Storage serves them with.</summary>
public sealed record BucketMedia(byte[] Bytes, string ContentType);

/// <summary>
/// One bucket through the Cloud Storage JSON API: <c>objects.list</c> page by page until no <c>nextPageToken</c> is
/// left (a page may hold fewer than <c>maxResults</c> items), and <c>alt=media</c> reads of one version.
/// </summary>
public sealed class BucketClient(HttpClient http, Uri storageApi, string bucket)
{
    /// <summary>The bytes of that version, or null when there is no such object or version.</summary>
    public async Task<BucketMedia?> ReadAsync(string name, long generation, CancellationToken cancellationToken)
    {
        var path = $"storage/v1/b/{Uri.EscapeDataString(bucket)}/o/{Uri.EscapeDataString(name)}?alt=media&generation={generation.ToString(CultureInfo.InvariantCulture)}";
        using var response = await http.GetAsync(new Uri(storageApi, path), cancellationToken);
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }

        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"Reading gs://{bucket}/{name} answered HTTP {(int)response.StatusCode}.", null, response.StatusCode);
        }

        var type = response.Content.Headers.ContentType?.ToString() ?? "application/octet-stream";
        return new BucketMedia(await response.Content.ReadAsByteArrayAsync(cancellationToken), type);
    }

    public async Task<IReadOnlyList<BucketObject>> ListAsync(CancellationToken cancellationToken)
    {
        var objects = new List<BucketObject>();
        string? pageToken = null;
        do
        {
            var path = $"storage/v1/b/{Uri.EscapeDataString(bucket)}/o?maxResults=1000";
            if (pageToken is not null)
            {
                path += "&pageToken=" + Uri.EscapeDataString(pageToken);
            }

            using var response = await http.GetAsync(new Uri(storageApi, path), cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new HttpRequestException($"Listing gs://{bucket} answered HTTP {(int)response.StatusCode}.", null, response.StatusCode);
            }

            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            using var page = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken);
            if (page.RootElement.TryGetProperty("items", out var items))
            {
                objects.AddRange(items.EnumerateArray().Select(Read));
            }

            pageToken = page.RootElement.TryGetProperty("nextPageToken", out var token) ? token.GetString() : null;
        }
        while (pageToken is { Length: > 0 });

        return objects;
    }

    // int64 fields are JSON strings in the JSON API.
    private static BucketObject Read(JsonElement item) => new(
        item.GetProperty("name").GetString()!,
        long.Parse(item.GetProperty("generation").GetString()!, CultureInfo.InvariantCulture),
        Text(item, "contentType"),
        Text(item, "size") is { } size ? long.Parse(size, CultureInfo.InvariantCulture) : 0,
        Text(item, "timeCreated") is { } created ? DateTimeOffset.Parse(created, CultureInfo.InvariantCulture) : DateTimeOffset.MinValue,
        Text(item, "contentEncoding"));

    private static string? Text(JsonElement item, string name) =>
        item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
