using System.Text.Json.Nodes;
using DescribeFunction.Local.Firestore;
using DescribeFunction.Tests.Local.Metadata;

namespace DescribeFunction.Tests.Local.Firestore;

public sealed class TransactionExpiryTests
{
    private const string Database = "projects/p/databases/(default)";

    [Fact]
    public async Task AbandonedTransaction_StopsLockingItsDocumentsOnceIdleForAMinute()
    {
        var clock = new ManualClock();
        var store = new DocumentStore { TransactionClock = clock };
        var path = DocumentPath.Create(Database, ["c", "a"]);
        DocumentWrite[] write = [new(WriteKind.Update, path, new JsonObject(), null, [], null)];
        var transaction = store.BeginTransaction(Database, readOnly: false, retrying: null);
        store.RecordReads(Database, transaction, [path.Relative]);

        var whileHeld = await Assert.ThrowsAsync<ErrorResponseException>(() => store.CommitAsync(Database, write, 0, null, CancellationToken.None));
        clock.Advance(TimeSpan.FromSeconds(61));
        await store.CommitAsync(Database, write, 0, null, CancellationToken.None);

        Assert.Equal("ABORTED", whileHeld.Status);
        var gone = Assert.Throws<ErrorResponseException>(() => store.Rollback(Database, transaction));
        Assert.Equal("INVALID_ARGUMENT", gone.Status);
    }
}
