using System.Diagnostics;
using DescribeFunction.Embedding;

namespace DescribeFunction.Benchmarks.Measuring;

/// <summary>
/// Where one search's time went, collected around the product's own clients while queries run one at a time:
/// the query's embedding round trip and the Firestore round trips (findNearest's <c>runQuery</c>, and the stored
/// vector's read for <c>--like</c>). Whatever remains of the total is the search code's own work (building the
/// query, parsing the answer).
/// </summary>
internal sealed class SearchTimings
{
    public double EmbedMs { get; private set; }

    public double FindNearestMs { get; private set; }

    public double ReadMs { get; private set; }

    public void Reset() => (EmbedMs, FindNearestMs, ReadMs) = (0, 0, 0);

    /// <summary>The embedding client the search uses, timed.</summary>
    public IEmbeddingClient Wrap(IEmbeddingClient inner) => new TimedEmbeddingClient(inner, this);

    /// <summary>A handler for the Firestore client's HttpClient that times each exchange, its body included.</summary>
    public HttpMessageHandler FirestoreHandler() => new TimedFirestoreHandler(this) { InnerHandler = new SocketsHttpHandler { UseProxy = false } };

    private sealed class TimedEmbeddingClient(IEmbeddingClient inner, SearchTimings timings) : IEmbeddingClient
    {
        public string Model => inner.Model;

        public int Dimensions => inner.Dimensions;

        public async Task<EmbeddingResult> EmbedAsync(string text, EmbeddingTask task, CancellationToken cancellationToken)
        {
            var start = Stopwatch.GetTimestamp();
            try
            {
                return await inner.EmbedAsync(text, task, cancellationToken);
            }
            finally
            {
                timings.EmbedMs += Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            }
        }
    }

    private sealed class TimedFirestoreHandler(SearchTimings timings) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var start = Stopwatch.GetTimestamp();
            var response = await base.SendAsync(request, cancellationToken);
            // The answer's body is part of the round trip: findNearest's results arrive in it.
            await response.Content.LoadIntoBufferAsync(cancellationToken);
            var ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            if (request.RequestUri?.AbsolutePath.EndsWith(":runQuery", StringComparison.Ordinal) == true)
            {
                timings.FindNearestMs += ms;
            }
            else
            {
                timings.ReadMs += ms;
            }

            return response;
        }
    }
}
