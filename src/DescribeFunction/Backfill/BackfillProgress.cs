using System.Globalization;

namespace DescribeFunction.Backfill;

/// <summary>
/// Reports a running backfill: on a terminal one live line rewritten in place, otherwise (Cloud Run) a structured log
/// line every <c>logInterval</c>, with listed, described, up to date, skipped, failed, the rate and, once the listing
/// has ended, an ETA.
/// </summary>
public sealed partial class BackfillProgress : IAsyncDisposable
{
    private readonly BackfillRunner _runner;
    private readonly TextWriter? _terminal;
    private readonly ILogger _logger;
    private readonly TimeProvider _clock;
    private readonly long _started;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    /// <param name="terminal">The terminal to draw the live line on; null to log instead.</param>
    public BackfillProgress(BackfillRunner runner, TextWriter? terminal, ILogger logger, TimeSpan logInterval, TimeProvider clock)
    {
        _runner = runner;
        _terminal = terminal;
        _logger = logger;
        _clock = clock;
        _started = clock.GetTimestamp();
        _loop = LoopAsync(terminal is null ? logInterval : TimeSpan.FromMilliseconds(500));
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
        if (_terminal is not null)
        {
            await _terminal.WriteLineAsync(Line());
        }
    }

    private async Task LoopAsync(TimeSpan interval)
    {
        using var timer = new PeriodicTimer(interval, _clock);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                Report();
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void Report()
    {
        if (_terminal is not null)
        {
            _terminal.Write("\r" + Line() + "\u001b[K");
            _terminal.Flush();
            return;
        }

        var counts = _runner.Counts;
        var (failed, rate, eta) = (Failed(counts), Math.Round(Rate(counts), 1), Eta(counts) ?? "unknown");
        LogProgress(_logger, counts.Listed, counts.Described, counts.UpToDate, counts.Skipped, failed, rate, eta);
    }

    private string Line()
    {
        var counts = _runner.Counts;
        var eta = Eta(counts) is { } text ? $" · ETA {text}" : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"listed {counts.Listed:N0} · described {counts.Described:N0} · up to date {counts.UpToDate:N0} · skipped {counts.Skipped:N0} · failed {Failed(counts):N0} · {Rate(counts):0.0}/s{eta}");
    }

    private static long Failed(BackfillCounts counts) => counts.RecordedFailed + counts.Transient;

    private double Rate(BackfillCounts counts) => counts.Finished / Math.Max(0.001, _clock.GetElapsedTime(_started).TotalSeconds);

    private string? Eta(BackfillCounts counts)
    {
        var rate = Rate(counts);
        if (!_runner.ListingComplete || rate <= 0)
        {
            return null;
        }

        var left = TimeSpan.FromSeconds(Math.Max(0, counts.Selected - counts.Finished) / rate);
        return left.TotalHours >= 1 ? $"{(int)left.TotalHours}h{left.Minutes:D2}m" : $"{left.Minutes}m{left.Seconds:D2}s";
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Backfill progress: listed {Listed}, described {Described}, up to date {UpToDate}, skipped {Skipped}, failed {Failed}, {Rate}/s, ETA {Eta}")]
    private static partial void LogProgress(ILogger logger, long listed, long described, long upToDate, long skipped, long failed, double rate, string eta);
}
