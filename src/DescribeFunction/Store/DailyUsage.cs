namespace DescribeFunction.Store;

/// <summary>
/// What the usage ledger holds for one UTC day and model, or a change to it: images described, their tokens, and
/// the versions recorded <c>failed</c> or <c>deferred</c>. Field names are a public contract (<see cref="UsageFields"/>).
/// </summary>
public readonly record struct DailyUsage(long Images, long InputTokens, long OutputTokens, long Failed, long Deferred)
{
    public static DailyUsage None => default;

    public long Tokens => InputTokens + OutputTokens;

    public static DailyUsage Described(int? inputTokens, int? outputTokens) => new(1, inputTokens ?? 0, outputTokens ?? 0, 0, 0);

    public static DailyUsage OneFailed => new(0, 0, 0, 1, 0);

    public static DailyUsage OneDeferred => new(0, 0, 0, 0, 1);

    public static DailyUsage operator +(DailyUsage a, DailyUsage b) => new(
        a.Images + b.Images, a.InputTokens + b.InputTokens, a.OutputTokens + b.OutputTokens, a.Failed + b.Failed, a.Deferred + b.Deferred);

    public DailyUsage Add(DailyUsage other) => this + other;
}

/// <summary>The counter fields of a usage ledger document (a public contract, listed in the README).</summary>
public static class UsageFields
{
    public const string Images = "images";
    public const string InputTokens = "inputTokens";
    public const string OutputTokens = "outputTokens";
    public const string Failed = "failed";
    public const string Deferred = "deferred";
}
