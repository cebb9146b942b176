namespace DescribeFunction.Benchmarks.Measuring;

/// <summary>Samples a process's RSS and thread count in the background and keeps the highest values seen.</summary>
internal sealed class PeakSampler : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _maxRssKb;
    private int _maxThreads;

    public PeakSampler(int pid, TimeSpan interval)
    {
        _loop = Task.Run(() => LoopAsync(pid, interval, _stop.Token));
    }

    public double MaxRssMb => Interlocked.Read(ref _maxRssKb) / 1024.0;

    public int MaxThreads => Volatile.Read(ref _maxThreads);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }

    private async Task LoopAsync(int pid, TimeSpan interval, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var sample = ProcStats.Read(pid);
                Interlocked.Exchange(ref _maxRssKb, Math.Max(Interlocked.Read(ref _maxRssKb), sample.RssKb));
                Volatile.Write(ref _maxThreads, Math.Max(Volatile.Read(ref _maxThreads), sample.Threads));
                await Task.Delay(interval, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (IOException)
            {
                return; // The process exited.
            }
        }
    }
}
