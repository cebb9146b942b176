using DescribeFunction.Configuration;
using DescribeFunction.Firestore;
using DescribeFunction.Search;

namespace DescribeFunction.Local.Gallery;

/// <summary>
/// Where the gallery reads and writes: the Cloud Storage JSON API of the bucket the function is triggered by, and the
/// Firestore database and collection the function stores its documents in, and the function's search by meaning over
/// them. Nothing else: the gallery keeps no data.
/// </summary>
/// <param name="StorageApi">The Cloud Storage JSON API base, such as <c>http://127.0.0.1:8683/</c>.</param>
/// <param name="Function">The function's resolved settings: its collection, its filter and its size limit.</param>
public sealed record GallerySources(Uri StorageApi, string Bucket, FirestoreClient Documents, FunctionSettings Function)
{
    public string Collection => Function.Store.FirestoreCollection;

    /// <summary>The product's search with the function's settings; null when its EMBEDDING_MODEL is blank.</summary>
    public VectorSearch? Search { get; init; }

    /// <summary>The function records larger objects as failed without describing them, so the gallery refuses them.</summary>
    public long MaxUploadBytes => Function.Filter.MaxObjectBytes;
}
