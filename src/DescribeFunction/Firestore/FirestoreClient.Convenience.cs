namespace DescribeFunction.Firestore;

public sealed partial class FirestoreClient
{
    /// <summary>
    /// Creates the document; fails with ALREADY_EXISTS (HTTP 409) if it exists. Returns the write's result,
    /// whose update time is the precondition for the next change.
    /// </summary>
    public async Task<WriteResult> CreateAsync(
        string collection,
        string documentId,
        DocumentFields fields,
        IEnumerable<string>? serverTimestampFields,
        CancellationToken cancellationToken)
    {
        var write = FirestoreWrite.Replace(collection, documentId, fields, FirestorePrecondition.MustNotExist, serverTimestampFields);
        return (await CommitAsync([write], cancellationToken)).WriteResults[0];
    }

    /// <summary>Merges the top-level <paramref name="fields"/> into the document, if the precondition holds.</summary>
    public async Task<WriteResult> UpdateAsync(
        string collection,
        string documentId,
        DocumentFields fields,
        FirestorePrecondition precondition,
        IEnumerable<string>? serverTimestampFields,
        CancellationToken cancellationToken)
    {
        var write = FirestoreWrite.Update(collection, documentId, fields, precondition, serverTimestampFields);
        return (await CommitAsync([write], cancellationToken)).WriteResults[0];
    }

    public async Task<WriteResult> DeleteAsync(
        string collection,
        string documentId,
        FirestorePrecondition precondition,
        CancellationToken cancellationToken)
    {
        var write = FirestoreWrite.Delete(collection, documentId, precondition);
        return (await CommitAsync([write], cancellationToken)).WriteResults[0];
    }
}
