using System.Globalization;
using System.Text.Json;

namespace DescribeFunction.Backfill;

/// <summary>What a <c>--reembed</c> run found and did; counted by its workers at once, so every count is atomic.</summary>
public sealed class ReembedSummary(ReembedMode mode, bool dryRun)
{
    private long _listed;
    private long _done;
    private long _upToDate;
    private long _selected;
    private long _reembedded;
    private long _errorsRecorded;
    private long _failed;
    private long _notDone;
    private long _changed;
    private long _notStarted;
    private long _tokens;

    public ReembedMode Mode => mode;

    public bool DryRun => dryRun;

    /// <summary>Listed names in this task's shard.</summary>
    public long Listed => Volatile.Read(ref _listed);

    /// <summary>Documents stored <c>done</c> (with a description to embed).</summary>
    public long Done => Volatile.Read(ref _done);

    public long UpToDate => Volatile.Read(ref _upToDate);

    /// <summary>Chosen to embed (in a dry run, what a run would embed).</summary>
    public long Selected => Volatile.Read(ref _selected);

    /// <summary>New vectors committed.</summary>
    public long Reembedded => Volatile.Read(ref _reembedded);

    /// <summary>The endpoint refused for good (a 400, a wrong length): <c>embeddingError</c> recorded, the old vector removed.</summary>
    public long ErrorsRecorded => Volatile.Read(ref _errorsRecorded);

    /// <summary>Transient failures of the endpoint or of Firestore: left as they were for the next run.</summary>
    public long Failed => Volatile.Read(ref _failed);

    /// <summary>No document, or one not <c>done</c>: left alone.</summary>
    public long NotDone => Volatile.Read(ref _notDone);

    /// <summary>The document changed between the read and the write (a re-description): its new state was kept.</summary>
    public long ChangedMeanwhile => Volatile.Read(ref _changed);

    /// <summary>Chosen but not started: the run was stopped or reached <c>--max-objects</c>.</summary>
    public long NotStarted => Volatile.Read(ref _notStarted);

    /// <summary>Input tokens of the committed vectors, as counted in the usage ledger under the embedding model.</summary>
    public long Tokens => Volatile.Read(ref _tokens);

    /// <summary><see cref="StopReasons.MaxObjects"/>, <see cref="StopReasons.Cancelled"/>, a listing failure, or null.</summary>
    public string? StoppedBy { get; set; }

    /// <summary>0 when nothing is left to retry; 1 when a failure, a stop or a failed listing left documents for the next run.</summary>
    public int ExitCode => Failed > 0 || (StoppedBy is not null && !StopReasons.IsClean(StoppedBy)) ? 1 : 0;

    internal void CountListed(long count) => Interlocked.Add(ref _listed, count);

    internal void CountDone() => Interlocked.Increment(ref _done);

    internal void CountUpToDate() => Interlocked.Increment(ref _upToDate);

    internal void CountSelected() => Interlocked.Increment(ref _selected);

    internal void CountReembedded(long tokens)
    {
        Interlocked.Increment(ref _reembedded);
        Interlocked.Add(ref _tokens, tokens);
    }

    internal void CountErrorRecorded() => Interlocked.Increment(ref _errorsRecorded);

    internal void CountFailed() => Interlocked.Increment(ref _failed);

    internal void CountNotDone() => Interlocked.Increment(ref _notDone);

    internal void CountChanged() => Interlocked.Increment(ref _changed);

    internal void CountNotStarted() => Interlocked.Increment(ref _notStarted);

    public string ToTable() => string.Create(CultureInfo.InvariantCulture, $"""
        reembed {Mode.Name()}{(DryRun ? " (dry run)" : "")}
        listed             {Listed,10}
        done               {Done,10}
        up to date         {UpToDate,10}
        to re-embed        {Selected,10}
        re-embedded        {Reembedded,10}
        error recorded     {ErrorsRecorded,10}
        failed             {Failed,10}
        not done           {NotDone,10}
        changed meanwhile  {ChangedMeanwhile,10}
        not started        {NotStarted,10}
        tokens             {Tokens,10}
        """) + (StoppedBy is null ? "" : Environment.NewLine + "stopped by: " + StoppedBy);

    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("reembed", Mode.Name());
            json.WriteBoolean("dryRun", DryRun);
            (string Name, long Value)[] counts =
            [
                ("listed", Listed), ("done", Done), ("upToDate", UpToDate), ("selected", Selected), ("reembedded", Reembedded),
                ("errorRecorded", ErrorsRecorded), ("failed", Failed), ("notDone", NotDone), ("changedMeanwhile", ChangedMeanwhile),
                ("notStarted", NotStarted), ("tokens", Tokens), ("exitCode", ExitCode),
            ];
            foreach (var (name, value) in counts)
            {
                json.WriteNumber(name, value);
            }

            json.WriteString("stoppedBy", StoppedBy);
            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
