using System.Text.Json;
using System.Text.Json.Nodes;

namespace DescribeFunction.Local.Firestore;

/// <summary>
/// Keeps the stand-in's documents in a folder across restarts. Each commit appends one JSON line with what it
/// changed, written to the operating system before the commit answers, so a process that dies loses nothing it
/// acknowledged; a line torn by a crash ends the replay (that commit never answered). Opening replays the file and
/// rewrites it compacted (a temporary file, flushed to disk, renamed over the old one), and so does a journal grown to
/// several times the live documents: appends stay cheap, and the file stays proportional to the data. One process at a
/// time: a lock file held open exclusively refuses a second.
/// </summary>
internal sealed class DocumentJournal : IDisposable
{
    private const string FileName = "documents.jsonl";
    private const string LockName = "documents.lock";
    private const int MinimumLinesBeforeCompaction = 1_000;
    private const int DocumentsPerCompactedLine = 500;
    private readonly string _path;
    private readonly FileStream _lock;
    private FileStream _file;
    private long _lines;

    private DocumentJournal(string folder, FileStream lockFile)
    {
        Folder = folder;
        _path = Path.Combine(folder, FileName);
        _lock = lockFile;
        _file = null!;
    }

    public string Folder { get; }

    /// <summary>Opens the journal in <paramref name="folder"/> and returns the documents it holds, by database and path.</summary>
    public static DocumentJournal Open(string folder, Dictionary<string, Dictionary<string, StoredDocument>> into)
    {
        ArgumentNullException.ThrowIfNull(into);
        folder = Path.GetFullPath(folder);
        Directory.CreateDirectory(folder);
        FileStream lockFile;
        try
        {
            lockFile = new FileStream(Path.Combine(folder, LockName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException error)
        {
            throw new DocumentsInUseException($"The Firestore stand-in's documents in {folder} are in use by another serve or backfill; stop it, or run this one from another folder.", error);
        }

        var journal = new DocumentJournal(folder, lockFile);
        try
        {
            journal.Replay(into);
            journal.Compact(into);
            return journal;
        }
        catch
        {
            journal.Dispose();
            throw;
        }
    }

    /// <summary>Records one commit's changes: each document as it now stands, or null where it was deleted.</summary>
    public void Append(string database, IReadOnlyDictionary<string, StoredDocument?> changes, Dictionary<string, Dictionary<string, StoredDocument>> all)
    {
        WriteLine(_file, database, changes);
        _file.Flush();
        _lines++;
        if (_lines > MinimumLinesBeforeCompaction && _lines > 4L * all.Values.Sum(d => (long)d.Count))
        {
            Compact(all);
        }
    }

    /// <summary>Records that one database was emptied (<paramref name="database"/>), or all of them (null).</summary>
    public void AppendReset(string? database)
    {
        var line = new JsonObject { ["reset"] = database ?? "*" };
        _file.Write(System.Text.Encoding.UTF8.GetBytes(line.ToJsonString() + "\n"));
        _file.Flush();
        _lines++;
    }

    public void Dispose()
    {
        _file?.Dispose();
        _lock.Dispose();
    }

    private void Replay(Dictionary<string, Dictionary<string, StoredDocument>> into)
    {
        if (!File.Exists(_path))
        {
            return;
        }

        foreach (var text in File.ReadLines(_path))
        {
            JsonObject line;
            try
            {
                line = JsonNode.Parse(text) as JsonObject ?? throw new JsonException("Not an object.");
            }
            catch (JsonException)
            {
                return; // A torn last line: the commit it began was never acknowledged.
            }

            if ((string?)line["reset"] is { } reset)
            {
                if (reset == "*")
                {
                    into.Clear();
                }
                else
                {
                    into.Remove(reset);
                }

                continue;
            }

            var database = (string)line["d"]!;
            var docs = into.TryGetValue(database, out var existing) ? existing : into[database] = new Dictionary<string, StoredDocument>(StringComparer.Ordinal);
            foreach (var write in line["w"]!.AsArray())
            {
                var key = (string)write!["k"]!;
                if (write["f"] is JsonObject fields)
                {
                    docs[key] = new StoredDocument((JsonObject)fields.DeepClone(), (long)write["c"]!, (long)write["u"]!);
                }
                else
                {
                    docs.Remove(key);
                }
            }
        }
    }

    private void Compact(Dictionary<string, Dictionary<string, StoredDocument>> all)
    {
        var temporary = _path + ".tmp";
        _lines = 0;
        using (var compacted = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            foreach (var (database, docs) in all)
            {
                foreach (var chunk in docs.Chunk(DocumentsPerCompactedLine))
                {
                    WriteLine(compacted, database, chunk.ToDictionary(kv => kv.Key, kv => (StoredDocument?)kv.Value, StringComparer.Ordinal));
                    _lines++;
                }
            }

            compacted.Flush(flushToDisk: true);
        }

        _file?.Dispose();
        File.Move(temporary, _path, overwrite: true);
        _file = new FileStream(_path, FileMode.Append, FileAccess.Write, FileShare.Read);
    }

    private static void WriteLine(Stream stream, string database, IReadOnlyDictionary<string, StoredDocument?> changes)
    {
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteString("d", database);
            writer.WriteStartArray("w");
            foreach (var (key, document) in changes)
            {
                writer.WriteStartObject();
                writer.WriteString("k", key);
                if (document is not null)
                {
                    writer.WritePropertyName("f");
                    document.Fields.WriteTo(writer);
                    writer.WriteNumber("c", document.CreateMicros);
                    writer.WriteNumber("u", document.UpdateMicros);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        stream.WriteByte((byte)'\n');
    }
}

/// <summary>Another process keeps its Firestore stand-in's documents in the same folder; the message says which.</summary>
public sealed class DocumentsInUseException : IOException
{
    public DocumentsInUseException()
    {
    }

    public DocumentsInUseException(string message)
        : base(message)
    {
    }

    public DocumentsInUseException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
