using DescribeFunction.Configuration;
using DescribeFunction.Firestore;
using DescribeFunction.Hosting;

namespace DescribeFunction.Search;

/// <summary>
/// <c>DescribeFunction search QUERY …</c>: the same settings as the function (<c>function.yaml</c>, the environment),
/// the same embedding client and Firestore client, and one <c>findNearest</c> query with the options as prefilters.
/// </summary>
public static class SearchCommand
{
    public const string Name = "search";

    public static Task<int> RunAsync(string[] args) => RunAsync(args, settings: null, Console.Out, Console.Error, CancellationToken.None);

    /// <param name="settings">Settings on top of function.yaml and the environment (tests, the local runner).</param>
    /// <returns>0 with results (or none), 1 when Firestore or the embedding endpoint failed, 2 for bad input or settings.</returns>
    public static async Task<int> RunAsync(string[] args, IReadOnlyDictionary<string, string?>? settings, TextWriter output, TextWriter errors, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(errors);
        FunctionSettings? options = null;
        SearchOptions? search = null;
        try
        {
            search = SearchOptions.Parse(args);
            if (search.Help)
            {
                await output.WriteLineAsync(SearchOptions.Usage);
                return 0;
            }

            options = FunctionComposition.ReadCommandSettings(settings);
            var vectorSearch = await VectorSearch.CreateAsync(options, cancellationToken);
            var otherLengths = CountOtherLengthsAsync(vectorSearch, cancellationToken);
            var results = await vectorSearch.RunAsync(search, cancellationToken);
            await output.WriteLineAsync(search.Json ? SearchResult.ToJson(results) : SearchResult.ToTable(results));
            if (await otherLengths is > 0 and var count)
            {
                await errors.WriteLineAsync($"{count} stored embeddings have another length than EMBEDDING_DIMENSIONS ({options.Embedding.EmbeddingDimensions}), so no search finds them; run DescribeFunction backfill --reembed stale.");
            }

            return 0;
        }
        catch (Exception e) when (SearchFailure.From(e, options, search) is { } failure)
        {
            await errors.WriteLineAsync(failure.Message);
            return failure.BadInput ? 2 : 1;
        }
    }

    /// <summary>A side check: a search that worked is not failed by it.</summary>
    private static async Task<long> CountOtherLengthsAsync(VectorSearch search, CancellationToken cancellationToken)
    {
        try
        {
            return await search.CountOtherLengthsAsync(cancellationToken);
        }
        catch (FirestoreException)
        {
            return 0;
        }
    }
}
