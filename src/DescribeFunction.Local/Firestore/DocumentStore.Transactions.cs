using System.Buffers.Binary;

namespace DescribeFunction.Local.Firestore;

/// <summary>
/// Transactions as the emulator runs them, pessimistically: a read-write transaction locks what it reads until it
/// commits or rolls back; a write to a document another transaction has locked waits for the lock, and after
/// <see cref="LockTimeout"/> is ABORTED. Read-only transactions take no locks and refuse writes. A transaction left
/// open expires as in production (60 s idle, 270 s in all), so a client that died mid-transaction cannot lock a
/// document for good.
/// </summary>
public sealed partial class DocumentStore
{
    private static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan LockPollInterval = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan IdleExpiry = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan LifetimeExpiry = TimeSpan.FromSeconds(270);
    private readonly Dictionary<string, Transaction> _transactions = new(StringComparer.Ordinal);
    private long _lastTransaction;

    /// <summary>The clock transactions expire by; tests move it by hand.</summary>
    internal TimeProvider TransactionClock { get; init; } = TimeProvider.System;

    internal string BeginTransaction(string database, bool readOnly, string? retrying)
    {
        lock (_lock)
        {
            if (retrying is not null)
            {
                // A retry takes the place of the transaction it retries, releasing its locks.
                _transactions.Remove(retrying);
            }

            Span<byte> bytes = stackalloc byte[8];
            BinaryPrimitives.WriteInt64BigEndian(bytes, ++_lastTransaction);
            var id = Convert.ToBase64String(bytes);
            _transactions[id] = new Transaction(id, database, readOnly, TransactionClock.GetUtcNow());
            return id;
        }
    }

    internal void Rollback(string database, string transaction)
    {
        lock (_lock)
        {
            _transactions.Remove(LiveTransaction(transaction, database, forWrites: false).Id);
        }
    }

    /// <summary>Checks that reads may run in the transaction, and locks what a read-write transaction reads.</summary>
    internal void RecordReads(string database, string? transaction, IEnumerable<string> keys)
    {
        if (transaction is null)
        {
            return;
        }

        lock (_lock)
        {
            var live = LiveTransaction(transaction, database, forWrites: false);
            if (!live.ReadOnly)
            {
                live.Locks.UnionWith(keys);
            }
        }
    }

    private Transaction LiveTransaction(string id, string database, bool forWrites)
    {
        ExpireTransactions();
        if (!_transactions.TryGetValue(id, out var transaction) || transaction.Database != database)
        {
            throw ErrorResponseException.InvalidArgument("Invalid transaction.");
        }

        transaction.LastUsed = TransactionClock.GetUtcNow();

        return forWrites && transaction.ReadOnly
            ? throw ErrorResponseException.InvalidArgument("Cannot modify entities in a read-only transaction.")
            : transaction;
    }

    private bool IsLockedByOthers(string database, IReadOnlyList<DocumentWrite> writes, Transaction? owner)
    {
        ExpireTransactions();
        return _transactions.Values.Any(t => t != owner && t.Database == database && writes.Any(w => t.Locks.Contains(w.Path.Relative)));
    }

    private void ExpireTransactions()
    {
        var now = TransactionClock.GetUtcNow();
        foreach (var expired in _transactions.Values.Where(t => now - t.LastUsed > IdleExpiry || now - t.Begun > LifetimeExpiry).ToList())
        {
            _transactions.Remove(expired.Id);
        }
    }

    private sealed record Transaction(string Id, string Database, bool ReadOnly, DateTimeOffset Begun)
    {
        public HashSet<string> Locks { get; } = new(StringComparer.Ordinal);

        public DateTimeOffset LastUsed { get; set; } = Begun;
    }
}
