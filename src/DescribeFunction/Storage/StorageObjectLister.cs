using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json;
using DescribeFunction.Events;
using DescribeFunction.Retries;
using Google.Apis.Auth.OAuth2;

namespace DescribeFunction.Storage;

/// <summary>
/// Lists a bucket through the Cloud Storage JSON API <c>objects.list</c>, one page at a time, so memory stays the same
/// whatever the bucket's size. Transient failures (408, 429, 5xx, no response) are retried with the shared backoff;
/// a page token keeps its place, so a retried page is the same page.
/// </summary>
/// <param name="pageSize">Items per page: Cloud Storage's largest, 1,000, unless a test wants more pages.</param>
public sealed class StorageObjectLister(HttpClient httpClient, Uri apiBase, ITokenAccess? tokenAccess, Backoff? backoff = null, int pageSize = StorageObjectLister.MaxResults)
{
    /// <summary>Cloud Storage's largest page.</summary>
    public const int MaxResults = 1000;

    /// <summary>The projection: only what a backfill reads, and <c>nextPageToken</c>, without which paging stops silently.</summary>
    public const string Fields = "nextPageToken,items(name,bucket,generation,metageneration,contentType,size,contentEncoding,updated)";

    private const int MaxAttempts = 6;
    private readonly Backoff _backoff = backoff ?? new Backoff(TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(16));

    /// <summary>The emulator at <paramref name="emulatorBase"/> (no token), else Cloud Storage with tokens from <paramref name="credential"/>.</summary>
    public static StorageObjectLister Create(Uri? emulatorBase, ITokenAccess? credential) => new(
        new HttpClient { Timeout = TimeSpan.FromMinutes(1) },
        emulatorBase ?? StorageObjectReader.ProductionApiBase,
        emulatorBase is null ? credential ?? throw new ArgumentNullException(nameof(credential), "Listing Cloud Storage needs a Google credential unless STORAGE_EMULATOR_HOST is set.") : null);

    /// <summary>Every page in lexicographic name order.</summary>
    /// <exception cref="StorageListException">A page could not be read, after retries for transient failures.</exception>
    public async IAsyncEnumerable<IReadOnlyList<StorageObjectData>> ListAsync(
        string bucket,
        string? prefix,
        string? matchGlob,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(bucket);
        string? pageToken = null;
        do
        {
            var page = await ReadPageAsync(PageUri(bucket, prefix, matchGlob, pageToken), bucket, cancellationToken);
            pageToken = page.NextPageToken;
            yield return page.Items ?? [];
        }
        while (!string.IsNullOrEmpty(pageToken));
    }

    private Uri PageUri(string bucket, string? prefix, string? matchGlob, string? pageToken)
    {
        var query = $"maxResults={pageSize.ToString(System.Globalization.CultureInfo.InvariantCulture)}&fields={Uri.EscapeDataString(Fields)}";
        query += prefix is { Length: > 0 } ? "&prefix=" + Uri.EscapeDataString(prefix) : "";
        query += matchGlob is { Length: > 0 } ? "&matchGlob=" + Uri.EscapeDataString(matchGlob) : "";
        query += pageToken is not null ? "&pageToken=" + Uri.EscapeDataString(pageToken) : "";
        return new Uri(apiBase, $"storage/v1/b/{Uri.EscapeDataString(bucket)}/o?{query}");
    }

    private async Task<ObjectListPage> ReadPageAsync(Uri uri, string bucket, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            StorageListException failure;
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, uri);
                if (tokenAccess is not null)
                {
                    request.Headers.Authorization = new("Bearer", await tokenAccess.GetAccessTokenForRequestAsync(cancellationToken: cancellationToken));
                }

                using var response = await httpClient.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
                var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return JsonSerializer.Deserialize(body, StorageJsonContext.Default.ObjectListPage)
                        ?? throw new StorageListException($"Listing gs://{bucket} returned an empty page.", isTransient: false);
                }

                var status = (int)response.StatusCode;
                failure = new StorageListException(
                    $"Listing gs://{bucket} failed with HTTP {status}{Detail(response.StatusCode)}.", TransientStatus.IsTransient(status));
            }
            catch (HttpRequestException e)
            {
                failure = new StorageListException($"Listing gs://{bucket} failed: {e.Message}", isTransient: true, e);
            }
            catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
            {
                failure = new StorageListException($"Listing gs://{bucket} got no answer within the HTTP timeout.", isTransient: true, e);
            }
            catch (JsonException e)
            {
                throw new StorageListException($"Listing gs://{bucket} returned a page that is not an objects.list answer: {e.Message}", isTransient: false, e);
            }

            if (!failure.IsTransient || attempt >= MaxAttempts)
            {
                throw failure;
            }

            await Task.Delay(_backoff.Before(attempt), cancellationToken);
        }
    }

    private static string Detail(HttpStatusCode status) => status switch
    {
        HttpStatusCode.NotFound => " (no such bucket)",
        HttpStatusCode.Forbidden => " (the account needs roles/storage.objectViewer on the bucket)",
        HttpStatusCode.Unauthorized => " (no valid credential)",
        _ => "",
    };
}

/// <summary>Listing a bucket failed; <see cref="IsTransient"/>: trying later may succeed.</summary>
public sealed class StorageListException : Exception
{
    public StorageListException()
    {
    }

    public StorageListException(string message)
        : base(message)
    {
    }

    public StorageListException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public StorageListException(string message, bool isTransient, Exception? innerException = null)
        : base(message, innerException)
    {
        IsTransient = isTransient;
    }

    public bool IsTransient { get; }
}
