using DescribeFunction.Describing;

namespace DescribeFunction.Store;

/// <summary>
/// Writes the growing description at most once per interval (Firestore sustains about one write per second per
/// document) without holding up the stream: one write at a time runs in the background and the newest text wins.
/// </summary>
public sealed class ProgressiveWriter(IDescriptionStore store, DescriptionClaim claim, TimeSpan interval, TimeProvider clock, CancellationToken cancellationToken)
    : IProgress<DescribeProgress>
{
    private readonly Lock _lock = new();
    private Task _inFlight = Task.CompletedTask;
    private DateTimeOffset _lastWrite = clock.GetUtcNow();

    public void Report(DescribeProgress value)
    {
        lock (_lock)
        {
            var now = clock.GetUtcNow();
            if (!_inFlight.IsCompleted || now - _lastWrite < interval)
            {
                return;
            }

            _lastWrite = now;
            _inFlight = WriteAsync(value.Text, value.Chunks);
        }
    }

    /// <summary>Waits for the write in flight, so the final write follows it and its precondition holds.</summary>
    public Task FlushAsync()
    {
        lock (_lock)
        {
            return _inFlight;
        }
    }

    private async Task WriteAsync(string text, int chunks)
    {
        try
        {
            await store.WriteProgressAsync(claim, text, chunks, cancellationToken);
        }
        catch (Exception e) when (e is DescriptionStoreException or OperationCanceledException)
        {
            // A lost progress write costs only freshness: the final write carries the whole text.
        }
    }
}
