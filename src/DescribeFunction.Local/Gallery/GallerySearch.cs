using DescribeFunction.Search;

namespace DescribeFunction.Local.Gallery;

/// <summary>
/// <c>GET /api/search?q=…</c> or <c>?like=NAME</c> (with <c>limit</c>, <c>prefix</c>, <c>label</c>, <c>status</c>,
/// <c>maxDistance</c>): the search box's ranking by meaning. The query string becomes the command line of
/// <c>DescribeFunction search</c> and runs through the product's own <see cref="VectorSearch"/>, so the page and the
/// command find the same images and refuse the same input in the same sentences; the answer is the command's
/// <c>--json</c>, nearest first.
/// </summary>
internal sealed class GallerySearch(GallerySources sources)
{
    public const string Off = "Search by meaning is off because the function's EMBEDDING_MODEL is blank; the search box filters by words.";

    public async Task<IResult> SearchAsync(HttpContext context)
    {
        if (sources.Search is not { } search)
        {
            return Problem(409, Off);
        }

        SearchOptions? options = null;
        try
        {
            options = SearchOptions.Parse(Arguments(context.Request.Query));
            var results = await search.RunAsync(options, context.RequestAborted);
            context.Response.Headers.CacheControl = "no-store";
            return Results.Text(SearchResult.ToJson(results), "application/json; charset=utf-8");
        }
        catch (Exception e) when (SearchFailure.From(e, sources.Function, options) is { } failure)
        {
            return Problem(failure.BadInput ? 400 : 502, failure.Message);
        }
    }

    /// <summary>The command line the query string stands for; the query goes last, after <c>--</c>, so it is never an option.</summary>
    public static IReadOnlyList<string> Arguments(IQueryCollection query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var args = new List<string>();
        foreach (var (parameter, option) in new[] { ("limit", "--limit"), ("like", "--like"), ("prefix", "--prefix"), ("status", "--status"), ("maxDistance", "--max-distance"), ("label", "--label") })
        {
            foreach (var value in query[parameter])
            {
                args.Add(option);
                args.Add(value ?? "");
            }
        }

        if (query.ContainsKey("q"))
        {
            args.Add("--");
            args.Add(query["q"].ToString());
        }

        return args;
    }

    private static IResult Problem(int status, string message) =>
        Results.Json(new GalleryProblem(message), GalleryJsonContext.Default.GalleryProblem, statusCode: status);
}
