using System.Globalization;
using System.Text.Json;

namespace DescribeFunction.Backfill;

/// <summary>What a <c>--reembed</c> run counts; in <c>--json</c> each is named in camelCase.</summary>
public enum ReembedCount
{
    /// <summary>Listed names in this task's shard.</summary>
    Listed,

    /// <summary>Documents stored <c>done</c>, with a description to embed.</summary>
    Done,

    UpToDate,

    /// <summary>Chosen to embed (in a dry run, what a run would embed).</summary>
    Selected,

    /// <summary>New vectors committed.</summary>
    Reembedded,

    /// <summary>The endpoint refused for good (a 400, a wrong length): <c>embeddingError</c> recorded, the old vector removed.</summary>
    ErrorRecorded,

    /// <summary>Transient failures of the endpoint or of Firestore: left as they were for the next run.</summary>
    Failed,

    /// <summary>No document, or one not <c>done</c>: left alone.</summary>
    NotDone,

    /// <summary>The document changed between the read and the write (a re-description): its new state was kept.</summary>
    ChangedMeanwhile,

    /// <summary>Chosen but not started: the run was stopped or reached <c>--max-objects</c>.</summary>
    NotStarted,

    /// <summary>Input tokens of the committed vectors, as counted in the usage ledger under the embedding model.</summary>
    Tokens,
}

/// <summary>What a <c>--reembed</c> run found and did; counted by its workers at once, so every count is atomic.</summary>
public sealed class ReembedSummary(ReembedMode mode, bool dryRun)
{
    private static readonly (ReembedCount Count, string Label)[] Rows =
    [
        (ReembedCount.Listed, "listed"), (ReembedCount.Done, "done"), (ReembedCount.UpToDate, "up to date"),
        (ReembedCount.Selected, "to re-embed"), (ReembedCount.Reembedded, "re-embedded"), (ReembedCount.ErrorRecorded, "error recorded"),
        (ReembedCount.Failed, "failed"), (ReembedCount.NotDone, "not done"), (ReembedCount.ChangedMeanwhile, "changed meanwhile"),
        (ReembedCount.NotStarted, "not started"), (ReembedCount.Tokens, "tokens"),
    ];

    private readonly long[] _counts = new long[Rows.Length];

    public ReembedMode Mode => mode;

    public bool DryRun => dryRun;

    public long this[ReembedCount count] => Volatile.Read(ref _counts[(int)count]);

    /// <summary><see cref="StopReasons.MaxObjects"/>, <see cref="StopReasons.Cancelled"/>, a listing failure, or null.</summary>
    public string? StoppedBy { get; set; }

    /// <summary>0 when nothing is left to retry; 1 when a failure, a stop or a failed listing left documents for the next run.</summary>
    public int ExitCode => this[ReembedCount.Failed] > 0 || (StoppedBy is not null && !StopReasons.IsClean(StoppedBy)) ? 1 : 0;

    internal void Add(ReembedCount count, long amount = 1) => Interlocked.Add(ref _counts[(int)count], amount);

    public string ToTable()
    {
        var lines = Rows.Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Label,-18} {this[r.Count],10}")).Prepend($"reembed {Mode.Name()}{(DryRun ? " (dry run)" : "")}");
        return string.Join(Environment.NewLine, StoppedBy is null ? lines : lines.Append("stopped by: " + StoppedBy));
    }

    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("reembed", Mode.Name());
            json.WriteBoolean("dryRun", DryRun);
            foreach (var (count, _) in Rows)
            {
                json.WriteNumber(JsonNamingPolicy.CamelCase.ConvertName(count.ToString()), this[count]);
            }

            json.WriteNumber("exitCode", ExitCode);
            json.WriteString("stoppedBy", StoppedBy);
            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
