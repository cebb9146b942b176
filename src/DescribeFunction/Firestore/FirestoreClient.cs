using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Google.Apis.Auth.OAuth2;

namespace DescribeFunction.Firestore;

/// <summary>
/// A small Firestore REST v1 client: get, batchGet and commit. Thread-safe and stateless apart from its
/// HttpClient; make one per process. Failures throw <see cref="FirestoreException"/>. UNAVAILABLE, 503 and
/// connection failures are retried here; ABORTED is not: the caller re-reads and redoes its compare-and-set.
/// </summary>
public sealed partial class FirestoreClient
{
    /// <summary>Firestore allows at most 500 writes in one commit.</summary>
    public const int MaxWritesPerCommit = 500;

    private const int MaxMessageLength = 300;

    private static readonly MediaTypeHeaderValue JsonContentType = new("application/json");

    private readonly HttpClient _http;
    private readonly ITokenAccess _auth;
    private readonly Uri _baseUrl;
    private readonly FirestorePaths _paths;
    private readonly FirestoreRetryOptions _retry;

    /// <param name="baseUrl"><c>https://firestore.googleapis.com/v1/</c> or <c>http://{emulator}/v1/</c>.</param>
    public FirestoreClient(
        HttpClient httpClient,
        ITokenAccess auth,
        string projectId,
        string databaseId,
        Uri baseUrl,
        FirestoreRetryOptions? retry = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(auth);
        ArgumentNullException.ThrowIfNull(baseUrl);
        _http = httpClient;
        _auth = auth;
        _paths = new FirestorePaths(projectId, databaseId);
        _baseUrl = baseUrl.AbsoluteUri.EndsWith('/') ? baseUrl : new Uri(baseUrl.AbsoluteUri + "/");
        _retry = retry ?? FirestoreRetryOptions.Default;
    }

    /// <summary>The document's resource name, <c>projects/{p}/databases/{d}/documents/{collection}/{id}</c>.</summary>
    public string DocumentName(string collection, string documentId) => _paths.DocumentName(collection, documentId);

    /// <summary>The document, or null if it does not exist.</summary>
    public async Task<FirestoreDocument?> GetAsync(string collection, string documentId, CancellationToken cancellationToken)
    {
        FirestorePaths.ValidateCollection(collection);
        FirestorePaths.ValidateDocumentId(documentId);
        using var response = await SendAsync(
            HttpMethod.Get, _paths.DocumentUrlPath(collection, documentId), null,
            $"get of {collection}/{documentId}", notFoundIsNull: true, cancellationToken);
        return response is null ? null : FirestoreDocument.Parse(response.RootElement);
    }

    /// <summary>Reads several documents in one request; the result is in request order, null where missing.</summary>
    public async Task<IReadOnlyList<FirestoreDocument?>> BatchGetAsync(
        IEnumerable<(string Collection, string DocumentId)> documents,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var names = new List<string>();
        foreach (var (collection, documentId) in documents)
        {
            FirestorePaths.ValidateCollection(collection);
            FirestorePaths.ValidateDocumentId(documentId);
            names.Add(_paths.DocumentName(collection, documentId));
        }

        if (names.Count == 0)
        {
            return [];
        }

        var body = FirestoreRequestBodies.BatchGet(names.Distinct(StringComparer.Ordinal));
        using var response = await SendAsync(
            HttpMethod.Post, $"{_paths.DocumentsRoot}:batchGet", body,
            $"batchGet of {names.Count} documents", notFoundIsNull: false, cancellationToken);
        var found = FirestoreResponses.BatchGet(response!.RootElement);
        return names.Select(name => found.GetValueOrDefault(name)).ToArray();
    }

    /// <summary>Applies the writes atomically: all of them or none.</summary>
    public async Task<CommitResult> CommitAsync(IReadOnlyList<FirestoreWrite> writes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(writes);
        if (writes.Count is 0 or > MaxWritesPerCommit)
        {
            throw new ArgumentException($"A commit takes 1 to {MaxWritesPerCommit} writes, not {writes.Count}.", nameof(writes));
        }

        // Retrying a commit after UNAVAILABLE is safe for this project's writes: a write with a precondition that
        // did land the first time fails its precondition on the retry (the caller re-reads), and one without
        // writes the same values again.
        var body = FirestoreRequestBodies.Commit(_paths, writes);
        using var response = await SendAsync(
            HttpMethod.Post, $"{_paths.DocumentsRoot}:commit", body,
            $"commit of {DescribeTargets(writes)}", notFoundIsNull: false, cancellationToken);
        var result = FirestoreResponses.Commit(response!.RootElement);
        return result.WriteResults.Count == writes.Count
            ? result
            : throw new FormatException($"A commit of {writes.Count} writes returned {result.WriteResults.Count} results.");
    }

    private async Task<JsonDocument?> SendAsync(
        HttpMethod method,
        string path,
        byte[]? body,
        string what,
        bool notFoundIsNull,
        CancellationToken cancellationToken)
    {
        var uri = new Uri(_baseUrl, path);
        for (var attempt = 1; ; attempt++)
        {
            // A fresh token for every request: the auth source caches and refreshes, the client never holds one.
            var token = await _auth.GetAccessTokenForRequestAsync(cancellationToken: cancellationToken);
            using var request = new HttpRequestMessage(method, uri);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            if (body is not null)
            {
                request.Content = new ByteArrayContent(body);
                request.Content.Headers.ContentType = JsonContentType;
            }

            FirestoreException failure;
            try
            {
                using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
                var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return JsonDocument.Parse(bytes);
                }

                var code = (int)response.StatusCode;
                var (status, message) = FirestoreResponses.Error(code, bytes);
                if (notFoundIsNull && response.StatusCode == HttpStatusCode.NotFound && status == FirestoreStatus.NotFound)
                {
                    return null;
                }

                failure = new FirestoreException(Sentence(what, status, $"HTTP {code}", message), status, code);
            }
            catch (HttpRequestException ex)
            {
                failure = new FirestoreException(
                    Sentence(what, FirestoreStatus.Unavailable, "no response", ex.Message), FirestoreStatus.Unavailable, null, ex);
            }
            catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
            {
                throw new FirestoreException(
                    Sentence(what, FirestoreStatus.DeadlineExceeded, "no response within the HTTP timeout", null),
                    FirestoreStatus.DeadlineExceeded, null, ex);
            }

            if (!IsRetried(failure) || attempt >= _retry.MaxAttempts)
            {
                throw failure;
            }

            await Task.Delay(_retry.Backoff.Before(attempt), cancellationToken);
        }
    }

    private static bool IsRetried(FirestoreException failure) =>
        failure.Status == FirestoreStatus.Unavailable || failure.HttpStatus == (int)HttpStatusCode.ServiceUnavailable;

    private static string Sentence(string what, string status, string detail, string? serverMessage)
    {
        var message = $"Firestore {what} failed with {status} ({detail})";
        if (string.IsNullOrWhiteSpace(serverMessage))
        {
            return message + ".";
        }

        var trimmed = serverMessage.Length > MaxMessageLength ? serverMessage[..MaxMessageLength] + "…" : serverMessage;
        return $"{message}: {trimmed.TrimEnd('.')}.";
    }

    private static string DescribeTargets(IReadOnlyList<FirestoreWrite> writes)
    {
        var targets = writes.Select(w => $"{w.Collection}/{w.DocumentId}").Distinct(StringComparer.Ordinal).ToArray();
        return targets.Length <= 3
            ? string.Join(", ", targets)
            : $"{string.Join(", ", targets.Take(3))} and {targets.Length - 3} more";
    }
}
