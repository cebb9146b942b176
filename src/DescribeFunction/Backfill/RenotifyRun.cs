using System.Text.Json;
using DescribeFunction.Notifying;
using DescribeFunction.PubSub;
using DescribeFunction.Storage;
using DescribeFunction.Store;

namespace DescribeFunction.Backfill;

/// <summary>
/// <c>backfill --renotify</c>: lists the bucket (with <c>--prefix</c>, <c>--match-glob</c> and the task's shard), reads
/// the documents a page at a time, and publishes every notice still owed, marking each sent. No model is called
/// and nothing is re-described. A notice whose lease is live is being published by a delivery right now and is
/// counted, not published. With <c>--dry-run</c> it only counts.
/// </summary>
public sealed partial class RenotifyRun(
    StorageObjectLister lister,
    INoticeStore store,
    NoticeSender sender,
    BackfillPlan plan,
    TimeProvider clock,
    ILogger<RenotifyRun> logger)
{
    private const int ReadBatch = 300;

    public async Task<RenotifySummary> RunAsync(CancellationToken cancellationToken)
    {
        var summary = new RenotifySummary();
        await foreach (var page in lister.ListAsync(plan.Bucket, plan.Options.Prefix, plan.Options.MatchGlob, cancellationToken))
        {
            var names = plan.TaskNames(page);
            summary.Listed += names.Length;
            foreach (var batch in names.Chunk(ReadBatch))
            {
                foreach (var owed in await store.GetOwedNoticesAsync(batch, cancellationToken))
                {
                    await SendAsync(owed, summary, cancellationToken);
                }
            }
        }

        return summary;
    }

    private async Task SendAsync(OwedNotice owed, RenotifySummary summary, CancellationToken cancellationToken)
    {
        summary.Owed++;
        if (owed.LeaseExpiresAt is { } lease && lease > clock.GetUtcNow())
        {
            summary.InFlight++;
            return;
        }

        if (plan.Options.DryRun)
        {
            return;
        }

        try
        {
            await sender.SendAsync(owed, cancellationToken);
            summary.Published++;
        }
        catch (PubSubException e)
        {
            summary.Failed++;
            LogFailed(logger, owed.Bucket, owed.Name, owed.Generation, e.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The notice of gs://{Bucket}/{ObjectName} generation {Generation} is still owed: {Reason}")]
    private static partial void LogFailed(ILogger logger, string bucket, string objectName, long generation, string reason);
}

/// <summary>What a <c>--renotify</c> run found and did.</summary>
public sealed class RenotifySummary
{
    public long Listed { get; set; }

    /// <summary>Notices found owed (published, in flight, failed, or only counted in a dry run).</summary>
    public long Owed { get; set; }

    public long Published { get; set; }

    /// <summary>Owed under a live lease: a delivery is publishing them now.</summary>
    public long InFlight { get; set; }

    /// <summary>Pub/Sub did not take them; they stay owed for the next run.</summary>
    public long Failed { get; set; }

    /// <summary>0 when nothing failed, 1 when a notice is still owed because Pub/Sub refused it.</summary>
    public int ExitCode => Failed > 0 ? 1 : 0;

    public string ToTable() =>
        $"""
        renotify      count
        listed        {Listed,8}
        owed          {Owed,8}
        published     {Published,8}
        in flight     {InFlight,8}
        failed        {Failed,8}
        """;

    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("listed", Listed);
            json.WriteNumber("owed", Owed);
            json.WriteNumber("published", Published);
            json.WriteNumber("inFlight", InFlight);
            json.WriteNumber("failed", Failed);
            json.WriteNumber("exitCode", ExitCode);
            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
