using System.Globalization;

namespace DescribeFunction.Search;

/// <summary>The command line of <c>DescribeFunction search</c>; a bad option is a <see cref="SearchUsageException"/> (exit code 2).</summary>
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

    public static SearchOptions Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var options = new SearchOptions();
        var labels = new List<string>();
        var words = new List<string>();
        var wordsOnly = false;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            // After "--" everything is the query, even words that start with "--".
            if (wordsOnly)
            {
                words.Add(arg);
                continue;
            }

            if (arg == "--")
            {
                wordsOnly = true;
                continue;
            }

            string Value() => i + 1 < args.Count && args[i + 1].Length > 0
                ? args[++i]
                : throw new SearchUsageException($"The option {arg} needs a value.");
            options = arg switch
            {
                "--help" or "-h" => options with { Help = true },
                "--json" => options with { Json = true },
                "--limit" => options with { Limit = Number(arg, Value(), 1, 1000) },
                "--prefix" => options with { Prefix = Value() },
                "--label" => Add(labels, Value(), options),
                "--status" => options with { Status = Value() },
                "--max-distance" => options with { MaxDistance = Distance(Value()) },
                "--like" => options with { Like = Value() },
                _ when arg.StartsWith("--", StringComparison.Ordinal) => throw new SearchUsageException($"Unknown option {arg}; run DescribeFunction search --help for the options."),
                _ => Add(words, arg, options),
            };
        }

        options = options with { Labels = labels, Query = words.Count > 0 ? string.Join(' ', words).Trim() : null };
        if (options.Help)
        {
            return options;
        }

        if (labels.Count > 30)
        {
            throw new SearchUsageException($"At most 30 --label options can be combined, not {labels.Count} (Firestore's limit for array-contains-any).");
        }

        return (options.Like, options.Query) switch
        {
            (null, null or "") => throw new SearchUsageException("Say what to search for: DescribeFunction search \"boats at dusk\", or --like OBJECT_NAME."),
            ({ }, { Length: > 0 }) => throw new SearchUsageException("Give either a QUERY or --like OBJECT_NAME, not both."),
            _ => options,
        };
    }

    private static SearchOptions Add(List<string> list, string value, SearchOptions options)
    {
        list.Add(value);
        return options;
    }

    private static int Number(string option, string text, int min, int max) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
            ? n
            : throw new SearchUsageException($"The option {option} must be a whole number from {min} to {max}, not '{text}'.");

    private static double Distance(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d >= 0 && d <= 2
            ? d
            : throw new SearchUsageException($"The option --max-distance must be a cosine distance from 0 to 2, not '{text}'.");
}

/// <summary>A bad command line or a query that cannot be run as asked: one sentence, exit code 2.</summary>
public sealed class SearchUsageException : Exception
{
    public SearchUsageException()
    {
    }

    public SearchUsageException(string message)
        : base(message)
    {
    }

    public SearchUsageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
