using DescribeFunction.Events;
using DescribeFunction.Store;

namespace DescribeFunction.Versions;

/// <summary>
/// The function's path for one object version (filter → budget → claim → describe → store), as another entry point
/// than the event host uses it: the backfill command sees this seam, never the function's type.
/// </summary>
public interface IVersionDescriber
{
    /// <param name="storageEvent">The object version, as a <c>finalized</c> event.</param>
    /// <param name="reclaim">Lets a finished version be described again; null never re-describes one.</param>
    /// <param name="cancellationToken">Cancels the work; a claimed version is given back.</param>
    /// <exception cref="Hosting.TransientEventException">A transient failure outlasted the deadline; the version was given back.</exception>
    /// <exception cref="DescriptionStoreException">The store failed.</exception>
    Task<VersionOutcome> DescribeVersionAsync(StorageEvent storageEvent, ReclaimRule? reclaim, CancellationToken cancellationToken);
}
