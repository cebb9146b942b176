using System.Globalization;
using System.Text;
using System.Text.Json;
using DescribeFunction.Spending;

namespace DescribeFunction.Backfill;

/// <summary>The counts of a finished run: the summary table, the <c>--json</c> object and the exit code.</summary>
public sealed record BackfillSummary
{
    public bool DryRun { get; init; }

    /// <summary>Objects listed in this task's shard.</summary>
    public long Listed { get; init; }

    public long OutsideShard { get; init; }

    public IReadOnlyList<KeyValuePair<string, long>> Filtered { get; init; } = [];

    public long UpToDate { get; init; }

    /// <summary>Recorded <c>failed</c> before this run and not selected for another try.</summary>
    public long PreviouslyFailed { get; init; }

    /// <summary>Recorded <c>deferred</c> before this run and not selected (<c>--redescribe deferred</c> selects them).</summary>
    public long PreviouslyDeferred { get; init; }

    /// <summary>Recorded <c>deferred</c> by this run: the daily budget was spent when it reached them.</summary>
    public long Deferred { get; init; }

    /// <summary>Versions to describe (a dry run stops here).</summary>
    public long Selected { get; init; }

    public long SelectedBytes { get; init; }

    public long Described { get; init; }

    /// <summary>Permanent failures recorded by this run (too large, undecodable, refused by the model…).</summary>
    public long RecordedFailed { get; init; }

    /// <summary>Found finished, newer, or taken over by another instance at claim time.</summary>
    public long Skipped { get; init; }

    /// <summary>Still under another instance's lease when the wait ended.</summary>
    public long Busy { get; init; }

    /// <summary>Transient failures that outlasted the retries: a later run (or the job's retry) takes them.</summary>
    public long Transient { get; init; }

    /// <summary>Selected but left for a later run because <c>--max-objects</c> was reached.</summary>
    public long NotStarted { get; init; }

    public long EstimatedInputTokens { get; init; }

    /// <summary>Dry run: images whose header did not give their size (estimated at one tile each).</summary>
    public long UnknownSize { get; init; }

    public TimeSpan Elapsed { get; init; }

    /// <summary>Why the run ended before the listing did (<c>max-objects</c>, <c>cancelled</c>, a listing error).</summary>
    public string? StoppedBy { get; init; }

    public long FilteredTotal => Filtered.Sum(kv => kv.Value);

    /// <summary>0 when every listed object was handled; 1 while transient failures or busy versions remain, or the listing stopped early.</summary>
    public int ExitCode => Transient > 0 || Busy > 0 || (StoppedBy is not null && !StopReasons.IsClean(StoppedBy)) ? 1 : 0;

    /// <summary>Input tokens for the selected images, unknown sizes counted as one tile.</summary>
    public long EstimatedInputTokensTotal => EstimatedInputTokens + (UnknownSize * ImageTokens.PerTile);

    public string ToTable()
    {
        var rows = new List<(string, string)> { ("listed", N(Listed)) };
        if (OutsideShard > 0)
        {
            rows.Add(("other tasks' shards", N(OutsideShard)));
        }

        rows.Add(("filtered out", N(FilteredTotal)));
        rows.AddRange(Filtered.Select(kv => ("  " + kv.Key, N(kv.Value))));
        rows.Add(("up to date", N(UpToDate)));
        rows.Add(("failed before, not retried", N(PreviouslyFailed)));
        if (PreviouslyDeferred > 0)
        {
            rows.Add(("deferred before, not selected", N(PreviouslyDeferred)));
        }

        rows.Add((DryRun ? "to describe" : "selected to describe", $"{N(Selected)} ({Bytes(SelectedBytes)})"));
        if (DryRun)
        {
            rows.Add(("estimated input tokens", $"{N(EstimatedInputTokensTotal)}{(UnknownSize > 0 ? $" ({N(UnknownSize)} of unknown size at {ImageTokens.PerTile} each)" : "")}"));
        }
        else
        {
            rows.Add(("described", N(Described)));
            rows.Add(("recorded failed", N(RecordedFailed)));
            rows.Add(("skipped at claim", N(Skipped)));
            rows.Add(("busy elsewhere", N(Busy)));
            rows.Add(("deferred (budget spent)", N(Deferred)));
            rows.Add(("transient failures left", N(Transient)));
            rows.Add(("left by --max-objects", N(NotStarted)));
        }

        rows.Add(("elapsed", $"{Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s"));
        if (StoppedBy is not null)
        {
            rows.Add(("stopped by", StoppedBy));
        }

        var width = rows.Max(r => r.Item1.Length);
        var table = new StringBuilder(DryRun ? "Backfill dry run (no model call, no write):\n" : "Backfill summary:\n");
        foreach (var (label, value) in rows)
        {
            table.Append("  ").Append(label.PadRight(width)).Append("  ").Append(value).Append('\n');
        }

        return table.ToString();
    }

    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteBoolean("dryRun", DryRun);
            writer.WriteNumber("listed", Listed);
            writer.WriteNumber("outsideShard", OutsideShard);
            writer.WriteNumber("filtered", FilteredTotal);
            writer.WriteStartObject("filteredByReason");
            foreach (var (reason, count) in Filtered)
            {
                writer.WriteNumber(reason, count);
            }

            writer.WriteEndObject();
            writer.WriteNumber("upToDate", UpToDate);
            writer.WriteNumber("previouslyFailed", PreviouslyFailed);
            writer.WriteNumber("previouslyDeferred", PreviouslyDeferred);
            writer.WriteNumber("toDescribe", Selected);
            writer.WriteNumber("toDescribeBytes", SelectedBytes);
            if (DryRun)
            {
                writer.WriteNumber("estimatedInputTokens", EstimatedInputTokensTotal);
                writer.WriteNumber("unknownSize", UnknownSize);
            }
            else
            {
                writer.WriteNumber("described", Described);
                writer.WriteNumber("recordedFailed", RecordedFailed);
                writer.WriteNumber("skipped", Skipped);
                writer.WriteNumber("busy", Busy);
                writer.WriteNumber("deferred", Deferred);
                writer.WriteNumber("transientFailures", Transient);
                writer.WriteNumber("notStarted", NotStarted);
            }

            writer.WriteNumber("elapsedSeconds", Math.Round(Elapsed.TotalSeconds, 3));
            if (StoppedBy is not null)
            {
                writer.WriteString("stoppedBy", StoppedBy);
            }

            writer.WriteNumber("exitCode", ExitCode);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Bytes(long bytes) => bytes switch
    {
        >= 1L << 30 => (bytes / (double)(1L << 30)).ToString("0.0", CultureInfo.InvariantCulture) + " GiB",
        >= 1L << 20 => (bytes / (double)(1L << 20)).ToString("0.0", CultureInfo.InvariantCulture) + " MiB",
        >= 1L << 10 => (bytes / 1024.0).ToString("0.0", CultureInfo.InvariantCulture) + " KiB",
        _ => bytes.ToString(CultureInfo.InvariantCulture) + " B",
    };
}

/// <summary>Why a run ended before its listing did.</summary>
public static class StopReasons
{
    public const string MaxObjects = "max-objects";

    /// <summary>The prefix of a stop by a spent daily budget, followed by which one.</summary>
    public const string BudgetPrefix = "budget: ";

    public static string Budget(string spent) => BudgetPrefix + spent;

    /// <summary>A stop that leaves nothing to retry now: the exit code stays 0.</summary>
    public static bool IsClean(string stoppedBy) =>
        stoppedBy == MaxObjects || (stoppedBy ?? "").StartsWith(BudgetPrefix, StringComparison.Ordinal);
    public const string Cancelled = "cancelled";
}
