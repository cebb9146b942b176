using DescribeFunction.Events;
using DescribeFunction.Hosting;
using DescribeFunction.PubSub;
using DescribeFunction.Versions;

namespace DescribeFunction;

public sealed partial class DescribeImageFunction
{
    /// <summary>
    /// After the outcome is stored, publishes the version's notice if one is owed: the one this delivery's final write
    /// recorded, or one a delivery before it recorded but could not publish (a failed publish, a crash between the
    /// commit and the publish). A version found finished is only read here; no model is called for its notice.
    /// </summary>
    /// <exception cref="TransientEventException">Pub/Sub did not take the notice: it stays owed and a redelivery publishes it.</exception>
    private async Task SendOwedNoticeAsync(StorageEvent storageEvent, VersionOutcome outcome, CancellationToken cancellationToken)
    {
        var finishedHere = outcome.Kind is DescribeOutcome.Described or DescribeOutcome.RecordedFailure or DescribeOutcome.Deferred;
        if (notices is not { Enabled: true } || !(finishedHere || (outcome.Kind == DescribeOutcome.Skipped && filter.SkipReason(storageEvent) is null)))
        {
            return;
        }

        try
        {
            await notices.SendOwedAsync(storageEvent.Data.Name!, storageEvent.Data.Generation ?? 0, finishedHere, cancellationToken);
        }
        catch (PubSubException e)
        {
            throw new TransientEventException(
                $"gs://{storageEvent.Bucket}/{storageEvent.Data.Name} generation {storageEvent.Data.Generation} is recorded, but its notice to {notices.Topic} was not published ({e.Message}); it stays owed for the redelivery.",
                e);
        }
    }
}
