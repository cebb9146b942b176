using DescribeFunction.Admission;
using DescribeFunction.Events;

namespace DescribeFunction.Filtering;

/// <summary>
/// What the filter and the inline budget say of one object version, decided once where the event comes in and
/// handed down the line as a value, so every step asks the same question of the same answer.
/// </summary>
/// <param name="SkipReason">Why the object is none of this function's business (no document), or null.</param>
/// <param name="Unsupported">Why the model cannot take the image (recorded failed), or null.</param>
/// <param name="NeverFits">Why the image alone is over the whole inline budget (recorded failed), or null.</param>
public sealed record FilterVerdict(string? SkipReason, (string Code, string Message)? Unsupported = null, (string Code, string Message)? NeverFits = null)
{
    /// <summary>The object is ours to describe, or to record as refused.</summary>
    public bool Wanted => SkipReason is null;

    /// <summary>Why the version is recorded failed without a model call (and so needs no budget), or null.</summary>
    public (string Code, string Message)? Refusal => Unsupported ?? NeverFits;

    public static FilterVerdict Of(StorageEvent storageEvent, ImageFilter filter, InlineByteBudget inlineBytes)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(inlineBytes);
        return filter.SkipReason(storageEvent) is { } skip
            ? new FilterVerdict(skip)
            : new FilterVerdict(null, filter.Unsupported(storageEvent), inlineBytes.NeverFits(storageEvent.Data));
    }
}
