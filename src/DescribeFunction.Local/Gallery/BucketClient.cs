using System.Globalization;
using DescribeFunction.Storage;

namespace DescribeFunction.Local.Gallery;

/// <summary>One object of a listing, with the fields the gallery shows.</summary>
public sealed record BucketObject(string Name, long Generation, string? ContentType, long Size, DateTimeOffset Updated, string? ContentEncoding);

/// <summary>An object version's bytes and the content type Cloud Storage serves them with.</summary>
public sealed record BucketMedia(byte[] Bytes, string ContentType);

/// <summary>
/// One bucket through the Cloud Storage JSON API: <c>objects.list</c> through the function's own lister, and
/// <c>alt=media</c> reads of one version with the content type they are served with.
/// </summary>
public sealed class BucketClient(HttpClient http, Uri storageApi, string bucket)
{
    // Short retries: a page that cannot be read is better reported on the page within seconds.
    private readonly StorageObjectLister _lister = new(http, storageApi, tokenAccess: null, new DescribeFunction.Retries.Backoff(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1)));

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

    /// <summary>Every object, listed as the function's backfill lists: <see cref="StorageObjectLister"/>, page by page.</summary>
    public async Task<IReadOnlyList<BucketObject>> ListAsync(CancellationToken cancellationToken)
    {
        var objects = new List<BucketObject>();
        await foreach (var page in _lister.ListAsync(bucket, prefix: null, matchGlob: null, cancellationToken))
        {
            objects.AddRange(page.Where(o => o.Name is { Length: > 0 } && o.Generation is not null).Select(o => new BucketObject(
                o.Name!, o.Generation!.Value, o.ContentType, o.Size ?? 0, o.Updated ?? DateTimeOffset.MinValue, o.ContentEncoding)));
        }

        return objects;
    }
}
