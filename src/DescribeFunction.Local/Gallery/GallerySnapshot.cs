using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using DescribeFunction.Events;
using DescribeFunction.Filtering;
using DescribeFunction.Firestore;
using DescribeFunction.Local.Cli;
using DescribeFunction.Store;

namespace DescribeFunction.Local.Gallery;

/// <summary>One tile: an object of the bucket and, when the function has written it, its description document.</summary>
public sealed record GalleryItem(BucketObject Stored, string Status, string? Reason, FirestoreDocument? Document)
{
    /// <summary>Not a document status: an object the function's filter leaves alone, so it never gets a document.</summary>
    public const string Skipped = "skipped";

    /// <summary>Not a document status: stored, and its event not yet claimed by the function.</summary>
    public const string Waiting = "waiting";

    /// <summary>The tile as the page reads it, with the document's fields as plain JSON.</summary>
    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            var o = Stored;
            var generation = o.Generation.ToString(CultureInfo.InvariantCulture);
            var query = $"name={Uri.EscapeDataString(o.Name)}&generation={generation}";
            writer.WriteStartObject();
            writer.WriteString("name", o.Name);
            writer.WriteString("generation", generation);
            writer.WriteString("contentType", o.ContentType);
            writer.WriteNumber("size", o.Size);
            writer.WriteString("updated", o.Updated);
            writer.WriteString("status", Status);
            if (Reason is not null)
            {
                writer.WriteString("reason", Reason);
            }

            writer.WriteString("image", "api/image?" + query);
            writer.WriteString("thumbnail", "api/thumbnail?" + query);
            // The vector itself stays on the server: the page only needs to know that "more like this" can use it.
            if (Document is not null && Document.Fields.TryGetValue(DescriptionFields.Embedding, out var embedding) && embedding is FirestoreVector vector)
            {
                writer.WriteNumber("vector", vector.Values.Count);
            }

            if (Document is not null)
            {
                writer.WritePropertyName("document");
                DocumentPrinter.WriteFields(writer, Document.Fields);
            }

            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}

/// <summary>
/// Reads every tile the way any client of the public APIs would: one listing of the bucket, then the description
/// documents in batchGets of up to 100, whatever the number of tiles.
/// </summary>
public sealed class GallerySnapshot(GallerySources sources, BucketClient bucket)
{
    private const int BatchSize = 100;
    private readonly ImageFilter _filter = new(sources.Function.Filter);

    /// <summary>Newest version first, as the page shows them.</summary>
    public async Task<IReadOnlyList<GalleryItem>> ReadAsync(CancellationToken cancellationToken)
    {
        var objects = await bucket.ListAsync(cancellationToken);
        var documents = new List<FirestoreDocument?>(objects.Count);
        foreach (var batch in objects.Chunk(BatchSize))
        {
            var ids = batch.Select(o => (sources.Collection, DocumentId.FromObjectName(o.Name)));
            documents.AddRange(await sources.Documents.BatchGetAsync(ids, cancellationToken));
        }

        // A generation is the version's creation time in microseconds, so the newest version has the largest.
        return [.. objects.Select((o, i) => Item(o, documents[i]))
            .OrderByDescending(item => item.Stored.Generation)
            .ThenBy(item => item.Stored.Name, StringComparer.Ordinal)];
    }

    private GalleryItem Item(BucketObject o, FirestoreDocument? document)
    {
        // A document of another generation describes an earlier version of the object (or a later one, not yet listed).
        if (document is not null && document.Fields.GetInt64(DescriptionFields.Generation) == o.Generation
            && document.Fields.GetString(DescriptionFields.Status) is { } status)
        {
            return new GalleryItem(o, status, null, document);
        }

        var skip = _filter.SkipReason(new StorageEvent(
            "gallery", StorageEvent.Finalized, $"//storage.googleapis.com/projects/_/buckets/{sources.Bucket}", $"objects/{o.Name}", o.Updated,
            new StorageObjectData { Bucket = sources.Bucket, Name = o.Name, Generation = o.Generation, ContentType = o.ContentType, Size = o.Size }));
        return skip is not null
            ? new GalleryItem(o, GalleryItem.Skipped, $"The function skips it: {skip}.", null)
            : new GalleryItem(o, GalleryItem.Waiting, "Stored; waiting for the function to take it.", null);
    }
}
