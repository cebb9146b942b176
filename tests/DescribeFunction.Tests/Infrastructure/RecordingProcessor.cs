using System.Collections.Concurrent;
using DescribeFunction.Events;
using DescribeFunction.Hosting;

namespace DescribeFunction.Tests.Infrastructure;

/// <summary>Stands in for the describe handler in host tests: records what the host delivered.</summary>
public sealed class RecordingProcessor : IStorageEventProcessor
{
    public ConcurrentQueue<StorageEvent> Events { get; } = new();

    public TimeSpan Delay { get; set; }

    public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async Task<EventOutcome> HandleAsync(StorageEvent storageEvent, CancellationToken cancellationToken)
    {
        Started.TrySetResult();
        if (Delay > TimeSpan.Zero)
        {
            await Task.Delay(Delay, CancellationToken.None);
        }

        Events.Enqueue(storageEvent);
        return EventOutcome.Recorded;
    }
}
