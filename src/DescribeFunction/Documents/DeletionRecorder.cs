using DescribeFunction.Configuration;
using DescribeFunction.Events;
using DescribeFunction.Firestore;

namespace DescribeFunction.Documents;

/// <summary>
/// Applies <c>ON_DELETE</c> when an object version is deleted: only the document of that same generation is marked
/// or deleted, so the delete of an overwritten version never touches its successor's description.
/// </summary>
public sealed class DeletionRecorder(FirestoreClient firestore, DescribeOptions options)
{
    private const int MaxRaces = 5;
    private static readonly string[] Timestamps = [DescriptionFields.DeletedAt, DescriptionFields.UpdatedAt];

    /// <summary>Returns what was done, for the log.</summary>
    public async Task<string> ApplyAsync(StorageEvent storageEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(storageEvent);
        if (options.OnDelete == DeletePolicy.Keep || storageEvent.Data.Name is not { Length: > 0 } name)
        {
            return "kept the description (ON_DELETE=keep)";
        }

        var documentId = DocumentId.FromObjectName(name);
        for (var race = 0; race < MaxRaces; race++)
        {
            var current = await firestore.GetAsync(options.FirestoreCollection, documentId, cancellationToken);
            var stored = current?.Fields.GetInt64(DescriptionFields.Generation);
            if (current is null || stored != storageEvent.Data.Generation)
            {
                return current is null ? "no description is stored" : $"the stored description is of generation {stored}, not the deleted one";
            }

            var write = options.OnDelete == DeletePolicy.Delete
                ? FirestoreWrite.Delete(options.FirestoreCollection, documentId, current.Unchanged)
                : FirestoreWrite.Update(options.FirestoreCollection, documentId, new DocumentFields().Set(DescriptionFields.Deleted, true), current.Unchanged, Timestamps);
            try
            {
                await firestore.CommitAsync([write], cancellationToken);
                return options.OnDelete == DeletePolicy.Delete ? "deleted the description" : "marked the description deleted";
            }
            catch (FirestoreException e) when (DescriptionStore.IsLostRace(e))
            {
                // The document changed under us: look again.
            }
        }

        throw new FirestoreException($"Could not apply ON_DELETE to document {documentId} after {MaxRaces} contended attempts.", FirestoreStatus.Aborted, 409);
    }
}
