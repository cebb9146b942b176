using DescribeFunction.Configuration;
using DescribeFunction.Events;
using DescribeFunction.Firestore;
using DescribeFunction.Store;

namespace DescribeFunction.FirestoreStore;

public sealed partial class FirestoreDescriptionStore
{
    private const int MaxDeleteRaces = 5;
    private static readonly string[] DeletedTimestamps = [DescriptionFields.DeletedAt, DescriptionFields.UpdatedAt];

    public Task<string> ApplyDeleteAsync(StorageEvent storageEvent, DeletePolicy policy, CancellationToken cancellationToken) =>
        GuardAsync(() => ApplyDeleteCoreAsync(storageEvent, policy, cancellationToken));

    private async Task<string> ApplyDeleteCoreAsync(StorageEvent storageEvent, DeletePolicy policy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(storageEvent);
        if (policy == DeletePolicy.Keep || storageEvent.Data.Name is not { Length: > 0 } name)
        {
            return "kept the description (ON_DELETE=keep)";
        }

        var documentId = DocumentId.FromObjectName(name);
        for (var race = 0; race < MaxDeleteRaces; race++)
        {
            var current = await firestore.GetAsync(Collection, documentId, cancellationToken);
            var stored = current?.Fields.GetInt64(DescriptionFields.Generation);
            if (current is null || stored != storageEvent.Data.Generation)
            {
                return current is null ? "no description is stored" : $"the stored description is of generation {stored}, not the deleted one";
            }

            var write = policy == DeletePolicy.Delete
                ? FirestoreWrite.Delete(Collection, documentId, current.Unchanged)
                : FirestoreWrite.Update(Collection, documentId, new DocumentFields().Set(DescriptionFields.Deleted, true), current.Unchanged, DeletedTimestamps);
            try
            {
                await firestore.CommitAsync([write], cancellationToken);
                return policy == DeletePolicy.Delete ? "deleted the description" : "marked the description deleted";
            }
            catch (FirestoreException e) when (IsLostRace(e))
            {
                // The document changed under us: look again.
            }
        }

        throw new DescriptionStoreException($"Could not apply ON_DELETE to document {documentId} after {MaxDeleteRaces} contended attempts.", isTransient: true);
    }
}
