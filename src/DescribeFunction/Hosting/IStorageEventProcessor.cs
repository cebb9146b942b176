using DescribeFunction.Events;

namespace DescribeFunction.Hosting;

/// <summary>
/// Handles one Cloud Storage event. Returning means the outcome is durably recorded (or the event deliberately
/// ignored) and the host answers 2xx; throwing means a transient failure and the host answers 500 so Eventarc
/// redelivers.
/// </summary>
public interface IStorageEventProcessor
{
    Task<EventOutcome> HandleAsync(StorageEvent storageEvent, CancellationToken cancellationToken);
}

public enum EventOutcome
{
    /// <summary>The work was done and recorded (a description, or a recorded permanent failure).</summary>
    Recorded,

    /// <summary>Nothing to do: filtered out, a duplicate, or already done.</summary>
    Ignored,

    /// <summary>Another instance is still working on it: answer 429 so that the delivery is retried later.</summary>
    RetryLater,
}
