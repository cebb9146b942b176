using System.Diagnostics;
using DescribeFunction.Local.Hosting;
using DescribeFunction.Local.Storage;

namespace DescribeFunction.Benchmarks.Running;

/// <summary>One delivery's answer: the HTTP status (0 when the connection failed) and the round trip.</summary>
internal readonly record struct Delivery(int Status, double Ms, long StartedAt, long EndedAt);

/// <summary>Delivers finalize CloudEvents to one function process, as Eventarc's push does, with a generous timeout.</summary>
internal sealed class EventClient(Uri functionUrl) : IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { UseProxy = false, MaxConnectionsPerServer = int.MaxValue })
    {
        BaseAddress = functionUrl,
        Timeout = TimeSpan.FromMinutes(5),
    };

    public async Task<Delivery> SendAsync(LocalObject stored, string? eventId, CancellationToken cancellationToken)
    {
        using var request = FinalizedEvent.Create(stored, eventId);
        var start = Stopwatch.GetTimestamp();
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
            var end = Stopwatch.GetTimestamp();
            return new Delivery((int)response.StatusCode, Stopwatch.GetElapsedTime(start, end).TotalMilliseconds, start, end);
        }
        catch (HttpRequestException)
        {
            var end = Stopwatch.GetTimestamp();
            return new Delivery(0, Stopwatch.GetElapsedTime(start, end).TotalMilliseconds, start, end);
        }
    }

    /// <summary>Runs <paramref name="count"/> items with at most <paramref name="concurrency"/> in flight; results in item order.</summary>
    public static async Task<T[]> RunConcurrentAsync<T>(int count, int concurrency, Func<int, Task<T>> work, CancellationToken cancellationToken)
    {
        var results = new T[count];
        var next = -1;
        var workers = Enumerable.Range(0, Math.Min(concurrency, count)).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count && !cancellationToken.IsCancellationRequested)
            {
                results[i] = await work(i);
            }
        });
        await Task.WhenAll(workers);
        return results;
    }

    public void Dispose() => _http.Dispose();
}
