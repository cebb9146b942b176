namespace DescribeFunction.Firestore;

/// <summary>One write of a commit: an update (merge or replace) or a delete, with an optional precondition.</summary>
public sealed class FirestoreWrite
{
    private FirestoreWrite(
        string collection,
        string documentId,
        DocumentFields? fields,
        IReadOnlyList<string>? updateMask,
        IReadOnlyList<string> serverTimestampFields,
        FirestorePrecondition precondition,
        IReadOnlyList<KeyValuePair<string, long>>? increments = null)
    {
        FirestorePaths.ValidateCollection(collection);
        FirestorePaths.ValidateDocumentId(documentId);
        Collection = collection;
        DocumentId = documentId;
        Fields = fields;
        UpdateMask = updateMask;
        ServerTimestampFields = serverTimestampFields;
        Precondition = precondition;
        Increments = increments ?? [];
    }

    public string Collection { get; }

    public string DocumentId { get; }

    /// <summary>The fields to write; null for a delete.</summary>
    public DocumentFields? Fields { get; }

    /// <summary>Field paths the write touches; null replaces the whole document.</summary>
    public IReadOnlyList<string>? UpdateMask { get; }

    /// <summary>Field paths set to the commit's request time by the server.</summary>
    public IReadOnlyList<string> ServerTimestampFields { get; }

    public FirestorePrecondition Precondition { get; }

    /// <summary>Integer fields the server adds to atomically (<c>increment</c> transforms), by field path.</summary>
    public IReadOnlyList<KeyValuePair<string, long>> Increments { get; }

    public bool IsDelete => Fields is null;

    /// <summary>
    /// Merges <paramref name="fields"/> into the document: by default the mask is the top-level field names, so
    /// other fields are left alone and a nested map is replaced as a whole. An explicit
    /// <paramref name="updateMask"/> (field paths, see <see cref="FieldPath"/>) may name fields absent from
    /// <paramref name="fields"/>: Firestore deletes those.
    /// </summary>
    public static FirestoreWrite Update(
        string collection,
        string documentId,
        DocumentFields fields,
        FirestorePrecondition precondition = default,
        IEnumerable<string>? serverTimestampFields = null,
        IEnumerable<string>? updateMask = null)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var mask = updateMask?.ToArray() ?? fields.Keys.Select(FieldPath.Quote).ToArray();
        return new(collection, documentId, fields, mask, Timestamps(fields, serverTimestampFields), precondition);
    }

    /// <summary>Writes the document as exactly <paramref name="fields"/> (plus server timestamps), dropping any others.</summary>
    public static FirestoreWrite Replace(
        string collection,
        string documentId,
        DocumentFields fields,
        FirestorePrecondition precondition = default,
        IEnumerable<string>? serverTimestampFields = null)
    {
        ArgumentNullException.ThrowIfNull(fields);
        return new(collection, documentId, fields, null, Timestamps(fields, serverTimestampFields), precondition);
    }

    /// <summary>
    /// Adds to integer fields on the server, creating the document (and any missing field, from zero) as needed and
    /// leaving every other field alone: an empty update mask with <c>increment</c> transforms, the write Firestore's
    /// client libraries send for <c>set({f: increment(n)}, {merge: true})</c>. Blind, so it never contends on a
    /// precondition; Firestore applies concurrent increments one after another.
    /// </summary>
    /// <param name="increments">Field paths (see <see cref="FieldPath"/>) and the amounts to add.</param>
    public static FirestoreWrite Increment(string collection, string documentId, IEnumerable<KeyValuePair<string, long>> increments)
    {
        ArgumentNullException.ThrowIfNull(increments);
        var amounts = increments.ToArray();
        if (amounts.Length == 0 || amounts.Select(a => a.Key).Distinct(StringComparer.Ordinal).Count() != amounts.Length)
        {
            throw new ArgumentException("An increment write takes one or more distinct field paths.", nameof(increments));
        }

        return new(collection, documentId, new DocumentFields(), [], [], FirestorePrecondition.None, amounts);
    }

    public static FirestoreWrite Delete(string collection, string documentId, FirestorePrecondition precondition = default) =>
        new(collection, documentId, null, null, [], precondition);

    private static string[] Timestamps(DocumentFields fields, IEnumerable<string>? serverTimestampFields)
    {
        var paths = serverTimestampFields?.ToArray() ?? [];
        foreach (var path in paths)
        {
            ArgumentException.ThrowIfNullOrEmpty(path, nameof(serverTimestampFields));
            if (fields.ContainsKey(path))
            {
                throw new ArgumentException($"Field '{path}' is both a value and a server timestamp.", nameof(serverTimestampFields));
            }
        }

        return paths;
    }
}
