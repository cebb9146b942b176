using DescribeFunction.Configuration;
using DescribeFunction.Firestore;
using DescribeFunction.FirestoreStore;

namespace DescribeFunction.Benchmarks.Measuring;

/// <summary>
/// Watches the usage ledger's shards while a benchmark runs: every second it lists today's shards and notes how much
/// each one's <c>images</c> counter grew (every final write increments exactly one shard by one image, so that is the
/// shard's writes), giving the mean and the busiest one-second window of writes per shard.
/// </summary>
internal sealed class LedgerSampler : IAsyncDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);
    private readonly FirestoreClient _documents;
    private readonly string _shards;
    private readonly CancellationTokenSource _stop = new();
    private readonly Dictionary<string, long> _start;
    private Task? _loop;
    private double _peakPerSecond;

    private LedgerSampler(FirestoreClient documents, string shards, Dictionary<string, long> start)
    {
        _documents = documents;
        _shards = shards;
        _start = start;
    }

    /// <param name="extraSettings">The function's <c>--env</c> settings, for its usage collection and model.</param>
    public static async Task<LedgerSampler> StartAsync(FirestoreClient documents, IReadOnlyDictionary<string, string> extraSettings, CancellationToken cancellationToken)
    {
        var defaults = new FunctionSettings();
        var collection = extraSettings.GetValueOrDefault("FIRESTORE_USAGE_COLLECTION", defaults.Ledger.FirestoreUsageCollection);
        var model = extraSettings.GetValueOrDefault("DESCRIBE_MODEL", defaults.Model.DescribeModel);
        var shards = UsageLedgerDocuments.ShardsPath(collection, DateOnly.FromDateTime(DateTime.UtcNow), model);
        var sampler = new LedgerSampler(documents, shards, await ReadAsync(documents, shards, cancellationToken));
        sampler._loop = sampler.SampleAsync();
        return sampler;
    }

    /// <summary>Stops sampling; the totals are per shard over <paramref name="elapsedSeconds"/>.</summary>
    public async Task<(int Shards, double MeanPerShardPerSecond, double BusiestShardPerSecond, double PeakOneSecond)> StopAsync(double elapsedSeconds, CancellationToken cancellationToken)
    {
        await _stop.CancelAsync();
        await _loop!;
        var end = await ReadAsync(_documents, _shards, cancellationToken);
        var grown = end.Select(kv => kv.Value - _start.GetValueOrDefault(kv.Key)).Where(d => d > 0).ToArray();
        return grown.Length == 0
            ? (0, 0, 0, 0)
            : (grown.Length, grown.Average() / elapsedSeconds, grown.Max() / elapsedSeconds, _peakPerSecond);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_loop is not null)
        {
            await _loop;
        }

        _stop.Dispose();
    }

    private async Task SampleAsync()
    {
        var previous = _start;
        var at = DateTime.UtcNow;
        try
        {
            while (true)
            {
                await Task.Delay(Interval, _stop.Token);
                var now = await ReadAsync(_documents, _shards, _stop.Token);
                var seconds = (DateTime.UtcNow - at).TotalSeconds;
                var busiest = now.Select(kv => kv.Value - previous.GetValueOrDefault(kv.Key)).DefaultIfEmpty(0).Max();
                _peakPerSecond = Math.Max(_peakPerSecond, busiest / seconds);
                (previous, at) = (now, DateTime.UtcNow);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static async Task<Dictionary<string, long>> ReadAsync(FirestoreClient documents, string shards, CancellationToken cancellationToken) =>
        (await documents.ListAsync(shards, cancellationToken)).ToDictionary(d => d.Id, d => d.Fields.GetInt64("images") ?? 0, StringComparer.Ordinal);
}
