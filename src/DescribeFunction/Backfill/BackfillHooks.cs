namespace DescribeFunction.Backfill;

/// <summary>What the process entry or a test supplies to a run.</summary>
public sealed record BackfillHooks
{
    /// <summary>Settings on top of function.yaml and the environment (tests, the local runner).</summary>
    public IReadOnlyDictionary<string, string?>? Settings { get; init; }

    /// <summary>The clock of the rate limit and the progress report; the system clock when null.</summary>
    public TimeProvider? Clock { get; init; }

    public Action<ILoggingBuilder>? Logging { get; init; }

    /// <summary>Where the live progress line goes; null logs progress every <see cref="LogInterval"/> instead.</summary>
    public TextWriter? Terminal { get; init; }

    public TimeSpan LogInterval { get; init; } = TimeSpan.FromSeconds(10);

    public CancellationToken Stop { get; init; }

    public CancellationToken Abort { get; init; }
}
