using DescribeFunction.Events;
using DescribeFunction.Filtering;
using DescribeFunction.Hosting;
using DescribeFunction.Notifying;
using DescribeFunction.PubSub;

namespace DescribeFunction.Versions;

/// <summary>
/// The end of one object version's line: once the outcome is stored, publishes the version's notice if one is owed:
/// the one this delivery's final write recorded, or one a delivery before it recorded but could not publish (a
/// failed publish, a crash between the commit and the publish). A version found finished is only read here; no
/// model is called for its notice. Without <c>NOTIFY_TOPIC</c> there is no sender and nothing to do.
/// </summary>
public sealed class NoticeStep(NoticeSender? notices = null)
{
    /// <exception cref="TransientEventException">Pub/Sub did not take the notice: it stays owed and a redelivery publishes it.</exception>
    public async Task PublishOwedAsync(StorageEvent storageEvent, FilterVerdict verdict, VersionOutcome outcome, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(storageEvent);
        ArgumentNullException.ThrowIfNull(verdict);
        var finishedHere = outcome.Kind is DescribeOutcome.Described or DescribeOutcome.RecordedFailure or DescribeOutcome.Deferred;
        if (notices is not { Enabled: true } || !(finishedHere || (outcome.Kind == DescribeOutcome.Skipped && verdict.Wanted)))
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
