using DescribeFunction.CommandLine;

namespace DescribeFunction.Search;

/// <summary>The command line of <c>DescribeFunction search</c>; a bad option is a <see cref="UsageException"/> (exit code 2).</summary>
public sealed record SearchOptions
{
    public const int DefaultLimit = 10;

    public const string Usage = """
        Usage: DescribeFunction search QUERY [options]
               DescribeFunction search --like OBJECT_NAME [options]

        Finds described images by meaning: embeds QUERY with EMBEDDING_MODEL and asks Firestore for the nearest
        stored vectors (findNearest, COSINE distance, 0 = same direction, 2 = opposite).

          --limit N            results to show, 1 to 1000 (default 10)
          --prefix P           only objects whose name starts with P
          --label L            only documents whose labels include L (repeat for any of several, up to 30)
          --status S           only documents with this status (done, failed, ...)
          --max-distance D     leave out results farther than D (0 to 2)
          --like OBJECT_NAME   "more like this": use that object's stored vector as the query instead of QUERY
          --json               print {"results":[{"name","distance",...}]} instead of a table
          --help               show this text
        """;

    public string? Query { get; init; }

    public int Limit { get; init; } = DefaultLimit;

    public string? Prefix { get; init; }

    public IReadOnlyList<string> Labels { get; init; } = [];

    public string? Status { get; init; }

    public double? MaxDistance { get; init; }

    public string? Like { get; init; }

    public bool Json { get; init; }

    public bool Help { get; init; }

    /// <summary>What <c>search</c> accepts: the words of the query between and after the options.</summary>
    public static CommandSyntax Syntax { get; } = new(
        SearchCommand.Name,
        "DescribeFunction search --help",
        ["--limit", "--prefix", "--label", "--status", "--max-distance", "--like"],
        ["--json"],
        TakesWords: true);

    /// <summary>Options as <c>--name value</c> or <c>--name=value</c>; after <c>--</c> everything is the query, even words that start with <c>--</c>.</summary>
    /// <exception cref="UsageException">An unknown option, a missing or bad value, no query or two.</exception>
    public static SearchOptions Parse(IReadOnlyList<string> args)
    {
        var parsed = Syntax.Parse(args);
        if (parsed.Help)
        {
            return new SearchOptions { Help = true };
        }

        var labels = parsed.Values("--label");
        var options = new SearchOptions
        {
            Query = parsed.Words.Count > 0 ? string.Join(' ', parsed.Words).Trim() : null,
            Limit = (int)(parsed.WholeNumber("--limit", 1, 1000) ?? DefaultLimit),
            Prefix = parsed.Value("--prefix"),
            Labels = labels,
            Status = parsed.Value("--status"),
            MaxDistance = parsed.Number("--max-distance", d => d is >= 0 and <= 2, "a cosine distance from 0 to 2"),
            Like = parsed.Value("--like"),
            Json = parsed.Flag("--json"),
        };
        if (labels.Count > 30)
        {
            throw new UsageException($"At most 30 --label options can be combined, not {labels.Count} (Firestore's limit for array-contains-any).");
        }

        return (options.Like, options.Query) switch
        {
            (null, null or "") => throw new UsageException("Say what to search for: DescribeFunction search \"boats at dusk\", or --like OBJECT_NAME."),
            ({ }, { Length: > 0 }) => throw new UsageException("Give either a QUERY or --like OBJECT_NAME, not both."),
            _ => options,
        };
    }
}
