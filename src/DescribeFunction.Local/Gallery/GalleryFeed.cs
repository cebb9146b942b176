using System.Text;
using System.Threading.Channels;

namespace DescribeFunction.Local.Gallery;

/// <summary>
/// Live updates for every open page from one reader: while at least one page listens, the bucket and the documents
/// are read twice a second (one listing and one batchGet per hundred tiles, however many pages are open), and each
/// page receives the tiles that changed as server-sent events — a full <c>snapshot</c> first, then <c>changes</c>.
/// </summary>
public sealed class GalleryFeed : IAsyncDisposable
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

    private readonly GallerySnapshot _snapshot;
    private readonly Lock _lock = new();
    private readonly List<Subscriber> _subscribers = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _wake = new(0);
    private readonly Task _loop;
    private Dictionary<string, string> _tiles = new(StringComparer.Ordinal);
    private string? _problem;

    /// <param name="lifetime">Open streams end when the server stops, or a page left open would hold up shutdown.</param>
    public GalleryFeed(GallerySnapshot snapshot, IHostApplicationLifetime lifetime)
    {
        ArgumentNullException.ThrowIfNull(lifetime);
        _snapshot = snapshot;
        lifetime.ApplicationStopping.Register(_stop.Cancel);
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Streams events to one page until it goes away.</summary>
    public async Task StreamAsync(HttpContext context)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stop.Token);
        var ct = linked.Token;
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-store";
        var subscriber = new Subscriber();
        lock (_lock)
        {
            _subscribers.Add(subscriber);
        }

        _wake.Release();
        try
        {
            // The first bytes tell the page (and any proxy) that the stream is open.
            await context.Response.WriteAsync(": gallery\n\n", ct);
            await context.Response.Body.FlushAsync(ct);
            await foreach (var message in subscriber.Messages.Reader.ReadAllAsync(ct))
            {
                await context.Response.WriteAsync(message, ct);
                await context.Response.Body.FlushAsync(ct);
            }
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            lock (_lock)
            {
                _subscribers.Remove(subscriber);
            }
        }
    }

    private async Task RunAsync()
    {
        using var timer = new PeriodicTimer(PollInterval);
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                bool listening;
                lock (_lock)
                {
                    listening = _subscribers.Count > 0;
                }

                if (listening)
                {
                    await PollAsync(_stop.Token);
                    await timer.WaitForNextTickAsync(_stop.Token);
                }
                else
                {
                    await _wake.WaitAsync(_stop.Token);
                }
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private async Task PollAsync(CancellationToken cancellationToken)
    {
        Dictionary<string, string> tiles;
        string? problem = null;
        try
        {
            var items = await _snapshot.ReadAsync(cancellationToken);
            tiles = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var item in items)
            {
                tiles[item.Stored.Name] = item.ToJson();
            }
        }
        // Whatever goes wrong reading is shown on the page, and the next poll tries again: the feed must not die.
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            tiles = _tiles;
            problem = $"The gallery cannot read the bucket or the documents right now: {e.Message}";
        }

        lock (_lock)
        {
            var changed = tiles.Where(t => !_tiles.TryGetValue(t.Key, out var old) || old != t.Value).Select(t => t.Value).ToList();
            var removed = _tiles.Keys.Where(k => !tiles.ContainsKey(k)).ToList();
            var problemChanged = problem != _problem;
            _tiles = tiles;
            _problem = problem;
            foreach (var subscriber in _subscribers)
            {
                if (!subscriber.HasSnapshot)
                {
                    subscriber.HasSnapshot = true;
                    subscriber.Messages.Writer.TryWrite(Event("snapshot", Snapshot(tiles.Values, problem)));
                }
                else if (changed.Count > 0 || removed.Count > 0 || problemChanged)
                {
                    subscriber.Messages.Writer.TryWrite(Event("changes", Changes(changed, removed, problem)));
                }
            }
        }
    }

    // The order of a snapshot is the page's order: newest first.
    private static string Snapshot(IEnumerable<string> tiles, string? problem) =>
        $"{{\"items\":[{string.Join(',', tiles)}],\"problem\":{Quote(problem)}}}";

    private static string Changes(List<string> changed, List<string> removed, string? problem) =>
        $"{{\"items\":[{string.Join(',', changed)}],\"removed\":[{string.Join(',', removed.Select(Quote))}],\"problem\":{Quote(problem)}}}";

    private static string Quote(string? text) => text is null ? "null" : System.Text.Json.JsonSerializer.Serialize(text, GalleryJsonContext.Default.String);

    private static string Event(string name, string json)
    {
        var builder = new StringBuilder();
        builder.Append("event: ").Append(name).Append('\n');
        builder.Append("data: ").Append(json).Append("\n\n");
        return builder.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
        _wake.Dispose();
    }

    private sealed class Subscriber
    {
        public Channel<string> Messages { get; } = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });

        public bool HasSnapshot { get; set; }
    }
}
