using DescribeFunction.Firestore;

namespace DescribeFunction.Tests.Firestore;

/// <summary>One-write commits, so client tests read as the single operation they check.</summary>
internal static class FirestoreClientShortcuts
{
    public static async Task<WriteResult> CreateAsync(this FirestoreClient client, string collection, string documentId, DocumentFields fields, IEnumerable<string>? serverTimestampFields, CancellationToken cancellationToken) =>
        (await client.CommitAsync([FirestoreWrite.Replace(collection, documentId, fields, FirestorePrecondition.MustNotExist, serverTimestampFields)], cancellationToken)).WriteResults[0];

    public static async Task<WriteResult> UpdateAsync(this FirestoreClient client, string collection, string documentId, DocumentFields fields, FirestorePrecondition precondition, IEnumerable<string>? serverTimestampFields, CancellationToken cancellationToken) =>
        (await client.CommitAsync([FirestoreWrite.Update(collection, documentId, fields, precondition, serverTimestampFields)], cancellationToken)).WriteResults[0];
}
