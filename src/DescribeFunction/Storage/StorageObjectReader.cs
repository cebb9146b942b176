using System.Globalization;
using System.Net;
using DescribeFunction.Describing;
using DescribeFunction.Retries;
using Google.Apis.Auth.OAuth2;

namespace DescribeFunction.Storage;

/// <summary>
/// Reads one object version's bytes through the Cloud Storage JSON API (<c>alt=media</c>), for
/// <c>IMAGE_DELIVERY=inline</c>. <c>STORAGE_EMULATOR_HOST</c> points it at a local stand-in, which needs no token.
/// </summary>
public sealed class StorageObjectReader(HttpClient httpClient, Uri apiBase, ITokenAccess? tokenAccess, long maxBytes) : IObjectBytes
{
    public static readonly Uri ProductionApiBase = new("https://storage.googleapis.com/");

    /// <summary>The emulator at <paramref name="emulatorBase"/> (no token), else Cloud Storage with tokens from <paramref name="credential"/>.</summary>
    public static StorageObjectReader Create(Uri? emulatorBase, ITokenAccess? credential, long maxBytes) => new(
        new HttpClient { Timeout = TimeSpan.FromMinutes(2) },
        emulatorBase ?? ProductionApiBase,
        emulatorBase is null ? credential : null,
        maxBytes);

    public async Task<BinaryData> ReadAsync(string bucket, string objectName, long? generation, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(bucket);
        ArgumentException.ThrowIfNullOrEmpty(objectName);
        var path = $"storage/v1/b/{Uri.EscapeDataString(bucket)}/o/{Uri.EscapeDataString(objectName)}?alt=media";
        if (generation is { } g)
        {
            path += "&generation=" + g.ToString(CultureInfo.InvariantCulture);
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(apiBase, path));
        if (tokenAccess is not null)
        {
            request.Headers.Authorization = new("Bearer", await tokenAccess.GetAccessTokenForRequestAsync(cancellationToken: cancellationToken));
        }

        using var response = await SendAsync(request, bucket, objectName, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var status = (int)response.StatusCode;
            throw new DescribeException(
                $"storage-{status}",
                $"Reading gs://{bucket}/{objectName} from Cloud Storage failed with HTTP {status}.",
                isTransient: TransientStatus.IsTransient(status));
        }

        var length = response.Content.Headers.ContentLength;
        if (length > maxBytes)
        {
            throw TooLarge(bucket, objectName);
        }

        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        return length is { } exact
            ? new BinaryData(await ReadExactlyAsync(body, (int)exact, bucket, objectName, cancellationToken))
            : await ReadUnknownLengthAsync(body, bucket, objectName, cancellationToken);
    }

    /// <summary>
    /// Cloud Storage sends the length, so the bytes go into one array of exactly that size: an inline image in flight
    /// costs its own size, not a growing buffer's doublings.
    /// </summary>
    private static async Task<byte[]> ReadExactlyAsync(Stream body, int length, string bucket, string objectName, CancellationToken cancellationToken)
    {
        var bytes = new byte[length];
        var filled = await body.ReadAtLeastAsync(bytes, length, throwOnEndOfStream: false, cancellationToken);
        if (filled < length)
        {
            throw new DescribeException(
                "storage-truncated",
                $"Reading gs://{bucket}/{objectName} from Cloud Storage ended after {filled} of {length} bytes.",
                isTransient: true);
        }

        return bytes;
    }

    private async Task<BinaryData> ReadUnknownLengthAsync(Stream body, string bucket, string objectName, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                throw TooLarge(bucket, objectName);
            }

            buffer.Write(chunk, 0, read);
        }

        return new BinaryData(buffer.GetBuffer().AsMemory(0, (int)buffer.Length));
    }

    /// <summary>
    /// The first <paramref name="count"/> bytes of the object (fewer if it is shorter), with a ranged read, so that a
    /// header can be inspected without downloading the image.
    /// </summary>
    public async Task<byte[]> ReadStartAsync(string bucket, string objectName, long? generation, int count, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(bucket);
        ArgumentException.ThrowIfNullOrEmpty(objectName);
        var path = $"storage/v1/b/{Uri.EscapeDataString(bucket)}/o/{Uri.EscapeDataString(objectName)}?alt=media";
        path += generation is { } g ? "&generation=" + g.ToString(CultureInfo.InvariantCulture) : "";
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(apiBase, path));
        request.Headers.Range = new System.Net.Http.Headers.RangeHeaderValue(0, count - 1);
        if (tokenAccess is not null)
        {
            request.Headers.Authorization = new("Bearer", await tokenAccess.GetAccessTokenForRequestAsync(cancellationToken: cancellationToken));
        }

        using var response = await SendAsync(request, bucket, objectName, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var status = (int)response.StatusCode;
            throw new DescribeException($"storage-{status}", $"Reading the start of gs://{bucket}/{objectName} failed with HTTP {status}.", TransientStatus.IsTransient(status));
        }

        // A server that ignores Range sends the whole object: read no more than asked.
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[count];
        var filled = await body.ReadAtLeastAsync(buffer, count, throwOnEndOfStream: false, cancellationToken);
        return filled == count ? buffer : buffer[..filled];
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, string bucket, string objectName, CancellationToken cancellationToken)
    {
        try
        {
            return await httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new DescribeException("storage-unreachable", $"Reading gs://{bucket}/{objectName} from Cloud Storage failed: {e.Message}", isTransient: true);
        }
    }

    private DescribeException TooLarge(string bucket, string objectName) =>
        new("image-too-large", $"The object gs://{bucket}/{objectName} is larger than the {maxBytes} bytes an inline image may be.", isTransient: false);
}
