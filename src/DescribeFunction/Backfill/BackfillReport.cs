using System.Globalization;
using System.Text;
using System.Text.Json;
using DescribeFunction.ImageHeaders;

namespace DescribeFunction.Backfill;

/// <summary>A finished run's counts as the summary table a person reads, or the <c>--json</c> object a script reads.</summary>
public static class BackfillReport
{
    public static string ToTable(BackfillSummary s)
    {
        ArgumentNullException.ThrowIfNull(s);
        var rows = new List<(string, string)> { ("listed", N(s.Listed)) };
        if (s.OutsideShard > 0)
        {
            rows.Add(("other tasks' shards", N(s.OutsideShard)));
        }

        rows.Add(("filtered out", N(s.FilteredTotal)));
        rows.AddRange(s.Filtered.Select(kv => ("  " + kv.Key, N(kv.Value))));
        rows.Add(("up to date", N(s.UpToDate)));
        rows.Add(("failed before, not retried", N(s.PreviouslyFailed)));
        if (s.PreviouslyDeferred > 0)
        {
            rows.Add(("deferred before, not selected", N(s.PreviouslyDeferred)));
        }

        rows.Add((s.DryRun ? "to describe" : "selected to describe", $"{N(s.Selected)} ({Bytes(s.SelectedBytes)})"));
        if (s.DryRun)
        {
            rows.Add(("estimated input tokens", $"{N(s.EstimatedInputTokensTotal)}{(s.UnknownSize > 0 ? $" ({N(s.UnknownSize)} of unknown size at {ImageTokens.PerTile} each)" : "")}"));
        }
        else
        {
            rows.Add(("described", N(s.Described)));
            rows.Add(("recorded failed", N(s.RecordedFailed)));
            rows.Add(("skipped at claim", N(s.Skipped)));
            rows.Add(("busy elsewhere", N(s.Busy)));
            rows.Add(("deferred (budget spent)", N(s.Deferred)));
            rows.Add(("transient failures left", N(s.Transient)));
            rows.Add(("left by --max-objects", N(s.NotStarted)));
        }

        rows.Add(("elapsed", $"{s.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s"));
        if (s.StoppedBy is not null)
        {
            rows.Add(("stopped by", s.StoppedBy));
        }

        var width = rows.Max(r => r.Item1.Length);
        var table = new StringBuilder(s.DryRun ? "Backfill dry run (no model call, no write):\n" : "Backfill summary:\n");
        foreach (var (label, value) in rows)
        {
            table.Append("  ").Append(label.PadRight(width)).Append("  ").Append(value).Append('\n');
        }

        return table.ToString();
    }

    public static string ToJson(BackfillSummary s)
    {
        ArgumentNullException.ThrowIfNull(s);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteBoolean("dryRun", s.DryRun);
            writer.WriteNumber("listed", s.Listed);
            writer.WriteNumber("outsideShard", s.OutsideShard);
            writer.WriteNumber("filtered", s.FilteredTotal);
            writer.WriteStartObject("filteredByReason");
            foreach (var (reason, count) in s.Filtered)
            {
                writer.WriteNumber(reason, count);
            }

            writer.WriteEndObject();
            writer.WriteNumber("upToDate", s.UpToDate);
            writer.WriteNumber("previouslyFailed", s.PreviouslyFailed);
            writer.WriteNumber("previouslyDeferred", s.PreviouslyDeferred);
            writer.WriteNumber("toDescribe", s.Selected);
            writer.WriteNumber("toDescribeBytes", s.SelectedBytes);
            if (s.DryRun)
            {
                writer.WriteNumber("estimatedInputTokens", s.EstimatedInputTokensTotal);
                writer.WriteNumber("unknownSize", s.UnknownSize);
            }
            else
            {
                writer.WriteNumber("described", s.Described);
                writer.WriteNumber("recordedFailed", s.RecordedFailed);
                writer.WriteNumber("skipped", s.Skipped);
                writer.WriteNumber("busy", s.Busy);
                writer.WriteNumber("deferred", s.Deferred);
                writer.WriteNumber("transientFailures", s.Transient);
                writer.WriteNumber("notStarted", s.NotStarted);
            }

            writer.WriteNumber("elapsedSeconds", Math.Round(s.Elapsed.TotalSeconds, 3));
            if (s.StoppedBy is not null)
            {
                writer.WriteString("stoppedBy", s.StoppedBy);
            }

            writer.WriteNumber("exitCode", BackfillExit.Code(s));
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
