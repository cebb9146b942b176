using System.Text.Json.Nodes;

namespace DescribeFunction.Local.Firestore;

/// <summary>
/// All databases' documents in memory. Every commit runs under one lock and is all-or-nothing: writes are staged,
/// each checked against the state the earlier writes left, and published only when all succeed. Times come from one
/// clock that never repeats a microsecond, so update times work as compare-and-swap versions. Given a
/// <see cref="DocumentJournal"/>, it starts with the documents the journal holds and records every change there.
/// </summary>
public sealed partial class DocumentStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Dictionary<string, StoredDocument>> _databases = new(StringComparer.Ordinal);
    private readonly DocumentJournal? _journal;
    private long _lastMicros;

    /// <summary>When set, vector searches need an index as in production (see <see cref="Firestore.VectorIndexes"/>); null answers them as the emulator does.</summary>
    public VectorIndexes? VectorIndexes { get; set; }

    public DocumentStore()
    {
    }

    /// <summary>A store that starts from, and records every change in, the journal <paramref name="openJournal"/> opens over its databases.</summary>
    internal DocumentStore(Func<Dictionary<string, Dictionary<string, StoredDocument>>, DocumentJournal> openJournal)
    {
        ArgumentNullException.ThrowIfNull(openJournal);
        _journal = openJournal(_databases);
        // Update times are compare-and-swap versions: they must keep growing past those stored, whatever the clock says.
        _lastMicros = _databases.Values.SelectMany(d => d.Values).Select(d => d.UpdateMicros).DefaultIfEmpty(0).Max();
    }

    /// <summary>Every stored document in every database, ordered by name: for assertions and for printing.</summary>
    public IReadOnlyList<FirestoreDocumentSnapshot> Snapshot()
    {
        lock (_lock)
        {
            return [.. _databases
                .SelectMany(db => db.Value.Select(d => FirestoreDocumentSnapshot.From($"{db.Key}/documents/{d.Key}", d.Value)))
                .OrderBy(s => s.Name, StringComparer.Ordinal)];
        }
    }

    /// <summary>One document by its full name (<c>projects/p/databases/d/documents/c/id</c>), or null.</summary>
    public FirestoreDocumentSnapshot? Find(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var parts = name.Split('/', 6);
        if (parts.Length < 6 || parts[4] != "documents")
        {
            return null;
        }

        lock (_lock)
        {
            return _databases.TryGetValue(DocumentPath.DatabaseName(parts[1], parts[3]), out var docs)
                && docs.TryGetValue(parts[5], out var document)
                ? FirestoreDocumentSnapshot.From(name, document)
                : null;
        }
    }

    /// <summary>Forgets every document of one database, as the emulator's DELETE /emulator/v1/.../documents does.</summary>
    public void Reset(string project, string database)
    {
        lock (_lock)
        {
            _databases.Remove(DocumentPath.DatabaseName(project, database));
            _journal?.AppendReset(DocumentPath.DatabaseName(project, database));
        }
    }

    public void ResetAll()
    {
        lock (_lock)
        {
            _databases.Clear();
            _journal?.AppendReset(null);
        }
    }

    internal long ReadTime()
    {
        lock (_lock)
        {
            return Math.Max(NowMicros(), _lastMicros);
        }
    }

    internal StoredDocument? Get(DocumentPath path)
    {
        lock (_lock)
        {
            return _databases.TryGetValue(path.Database, out var docs) ? docs.GetValueOrDefault(path.Relative) : null;
        }
    }

    /// <summary>Every document of one database, keyed by its path below <c>documents</c>, for queries and listings to filter.</summary>
    internal List<KeyValuePair<string, StoredDocument>> Documents(string database)
    {
        lock (_lock)
        {
            return _databases.TryGetValue(database, out var docs) ? [.. docs] : [];
        }
    }

    /// <summary>
    /// Commits once no other transaction holds a lock on a written document (waiting up to the lock timeout, then
    /// ABORTED, as the emulator's pessimistic locking does), and ends <paramref name="transaction"/> when given.
    /// </summary>
    internal async Task<CommitOutcome> CommitAsync(string database, IReadOnlyList<DocumentWrite> writes, long requestMicros, string? transaction, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + LockTimeout;
        while (true)
        {
            lock (_lock)
            {
                var owner = transaction is null ? null : LiveTransaction(transaction, database, forWrites: writes.Count > 0);
                if (!IsLockedByOthers(database, writes, owner))
                {
                    if (owner is not null)
                    {
                        _transactions.Remove(owner.Id);
                    }

                    return Commit(database, writes, requestMicros);
                }
            }

            if (DateTimeOffset.UtcNow >= deadline)
            {
                throw new ErrorResponseException(409, "ABORTED", "Transaction lock timeout.");
            }

            await Task.Delay(LockPollInterval, cancellationToken);
        }
    }

    private CommitOutcome Commit(string database, IReadOnlyList<DocumentWrite> writes, long requestMicros)
    {
        lock (_lock)
        {
            var commitMicros = NextMicros();
            var docs = _databases.GetValueOrDefault(database);
            var staged = new Dictionary<string, StoredDocument?>(StringComparer.Ordinal);
            var outcomes = new List<WriteOutcome>(writes.Count);
            foreach (var write in writes)
            {
                var key = write.Path.Relative;
                var current = staged.TryGetValue(key, out var pending) ? pending : docs?.GetValueOrDefault(key);
                var outcome = Apply(write, current, commitMicros, requestMicros);
                staged[key] = outcome.Document;
                outcomes.Add(outcome);
            }

            if (staged.Count > 0)
            {
                docs ??= _databases[database] = new Dictionary<string, StoredDocument>(StringComparer.Ordinal);
                foreach (var (key, document) in staged)
                {
                    if (document is null)
                    {
                        docs.Remove(key);
                    }
                    else
                    {
                        docs[key] = document;
                    }
                }

                _journal?.Append(database, staged, _databases);
            }

            return new CommitOutcome(commitMicros, outcomes);
        }
    }

    private static WriteOutcome Apply(DocumentWrite write, StoredDocument? current, long commitMicros, long requestMicros)
    {
        var name = write.Path.FullName;
        write.Precondition?.Check(current, name, write.Kind == WriteKind.Delete ? "delete" : "update");
        if (write.Kind == WriteKind.Delete)
        {
            return new WriteOutcome(null, []);
        }

        var fields = write.Mask is null
            ? (JsonObject)write.Fields.DeepClone()
            : (JsonObject?)current?.Fields.DeepClone() ?? [];
        foreach (var path in write.Mask ?? [])
        {
            if (FieldAccess.Get(write.Fields, path) is { } value)
            {
                FieldAccess.Set(fields, path, (JsonObject)value.DeepClone());
            }
            else
            {
                FieldAccess.Remove(fields, path);
            }
        }

        var transformResults = write.Transforms.Select(t => TransformApplier.Apply(fields, t, requestMicros)).ToList();

        var size = StorageSize.OfDocument(write.Path, fields);
        if (size > StorageSize.MaxDocumentBytes)
        {
            throw ErrorResponseException.InvalidArgument(
                $"Document \"{name}\" cannot be written because its size ({size:N0} bytes) exceeds the maximum allowed size of {StorageSize.MaxDocumentBytes:N0} bytes.");
        }

        // A write that changes nothing keeps the previous update time, as the service reports it.
        var document = current is not null && JsonNode.DeepEquals(current.Fields, fields)
            ? current
            : new StoredDocument(fields, current?.CreateMicros ?? commitMicros, commitMicros);
        return new WriteOutcome(document, transformResults);
    }

    private long NextMicros()
    {
        _lastMicros = Math.Max(NowMicros(), _lastMicros + 1);
        return _lastMicros;
    }

    private static long NowMicros() => StoredTimestamp.FromDateTimeOffset(DateTimeOffset.UtcNow);
}
