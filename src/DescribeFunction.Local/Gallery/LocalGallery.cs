using DescribeFunction.Configuration;
using DescribeFunction.Local.Hosting;
using DescribeFunction.Search;

namespace DescribeFunction.Local.Gallery;

/// <summary>The gallery over the local environment: its bucket, and the documents where the function writes them.</summary>
public static class LocalGallery
{
    /// <param name="function">The settings the function resolved (its database, collection, filter and size limit).</param>
    public static async Task<StandInServer> StartAsync(LocalEnvironment environment, FunctionSettings function, int port, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(function);
        var sources = new GallerySources(
            environment.Storage.BaseAddress, LocalEnvironment.Bucket, environment.CreateDocumentsClient(function.Store.FirestoreDatabase), function)
        {
            // The search box asks what `DescribeFunction search` would: the same embedding endpoint and Firestore.
            Search = function.Embedding.EmbeddingsOn ? await VectorSearch.CreateAsync(function, cancellationToken) : null,
        };
        return await GalleryServer.StartAsync(sources, port, cancellationToken);
    }
}
