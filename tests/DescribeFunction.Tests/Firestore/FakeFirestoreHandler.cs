using System.Net;
using System.Text;
using DescribeFunction.Firestore;
using DescribeFunction.Retries;
using Google.Apis.Auth.OAuth2;

namespace DescribeFunction.Tests.Firestore;

/// <summary>Records each request as it went out and answers from a script, one response per request.</summary>
internal sealed class FakeFirestoreHandler : HttpMessageHandler
{
    private readonly Queue<Func<HttpResponseMessage>> _responses = new();

    public List<RecordedRequest> Requests { get; } = [];

    public FakeFirestoreHandler Respond(HttpStatusCode status, string json)
    {
        _responses.Enqueue(() => new HttpResponseMessage(status)
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        });
        return this;
    }

    public FakeFirestoreHandler RespondError(HttpStatusCode status, string googleStatus, string message) =>
        Respond(status, $$$"""{"error":{"code":{{{(int)status}}},"message":"{{{message}}}","status":"{{{googleStatus}}}"}}""");

    public FakeFirestoreHandler FailToConnect()
    {
        _responses.Enqueue(() => throw new HttpRequestException("Connection refused (127.0.0.1:9)"));
        return this;
    }

    /// <summary>What HttpClient throws when its Timeout elapses.</summary>
    public FakeFirestoreHandler TimeOut()
    {
        _responses.Enqueue(() => throw new TaskCanceledException("The request was canceled due to the configured HttpClient.Timeout.", new TimeoutException()));
        return this;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            // What SocketsHttpHandler throws for a cancelled request.
            throw new TaskCanceledException("The operation was canceled.", null, cancellationToken);
        }

        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        Requests.Add(new RecordedRequest(
            request.Method,
            request.RequestUri!,
            request.Headers.Authorization?.ToString(),
            request.Content?.Headers.ContentType?.ToString(),
            body));
        Assert.True(_responses.Count > 0, $"Unexpected request {request.Method} {request.RequestUri}");
        return _responses.Dequeue()();
    }

    public static FirestoreClient Client(FakeFirestoreHandler handler, ITokenAccess? auth = null) =>
        new(
            new HttpClient(handler),
            auth ?? new SequenceAuth("token-1"),
            "my-project",
            "(default)",
            new Uri("http://firestore.test/v1/"),
            new FirestoreRetryOptions { Backoff = Backoff.None });
}

internal sealed record RecordedRequest(HttpMethod Method, Uri Uri, string? Authorization, string? ContentType, string? Body);

/// <summary>Hands out the given tokens in turn, the way a refreshing credential would over time.</summary>
internal sealed class SequenceAuth(params string[] tokens) : ITokenAccess
{
    private int _calls;

    public int Calls => _calls;

    public Task<string> GetAccessTokenForRequestAsync(string? authUri = null, CancellationToken cancellationToken = default)
    {
        var index = Interlocked.Increment(ref _calls) - 1;
        return Task.FromResult(tokens[Math.Min(index, tokens.Length - 1)]);
    }
}
