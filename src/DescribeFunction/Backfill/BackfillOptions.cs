using DescribeFunction.CommandLine;

namespace DescribeFunction.Backfill;

/// <summary>Which finished versions a backfill describes again; each mode includes the ones before it.</summary>
public enum RedescribeMode
{
    /// <summary>Only versions with no finished document (the default).</summary>
    Missing,

    /// <summary>Also versions recorded <c>deferred</c> because a daily budget was spent.</summary>
    Deferred,

    /// <summary>Also versions recorded <c>failed</c> (not <c>too-many-attempts</c> unless <c>--include-poison</c>).</summary>
    Failed,

    /// <summary>Also <c>done</c> versions whose <c>describer</c> differs from the current settings.</summary>
    Stale,

    /// <summary>Every version, once per run.</summary>
    All,
}

/// <summary>The <c>backfill</c> command line, parsed and checked; a bad option is one sentence in <see cref="UsageException"/>.</summary>
public sealed record BackfillOptions
{
    public const int DefaultConcurrency = 16;

    public const string Usage = """
        Usage: DescribeFunction backfill --bucket NAME [options]

        Describes the objects already in a bucket through the same filter → claim → describe → store path as upload
        events, reading the same settings (function.yaml and the environment). Safe to run again, beside live events,
        and as many Cloud Run job tasks at once (CLOUD_RUN_TASK_INDEX / CLOUD_RUN_TASK_COUNT split the bucket).

        Options:
          --bucket NAME            the bucket to list (default: TRIGGER_BUCKET; if that is set, it must match)
          --prefix P               only names starting with P
          --match-glob G           only names matching the Cloud Storage glob G (e.g. '**/*.jpg', 'photos/*.{png,jpg}')
          --redescribe MODE        missing (default): versions with no finished document;
                                   deferred: also versions deferred by a daily budget (each later mode includes them);
                                   failed: also versions recorded failed (poison ones only with --include-poison);
                                   stale: also done versions whose describer (model, prompt hash) is not the current one;
                                   all: every version, once per run
          --include-poison         with failed, stale or all: also retry versions that failed MAX_ATTEMPTS times
          --dry-run                list and classify only: no model call, no write; prints counts, bytes and an
                                   input-token estimate
          --max-objects N          describe at most N objects in this run (each task of a job, when sharded)
          --max-per-minute R       start at most R descriptions a minute, across all workers of this run
          --concurrency C          descriptions in flight at once (default 16, at most 1024)
          --json                   print the summary as JSON on stdout instead of a table
          --renotify               describe nothing: publish every Pub/Sub notice still owed (NOTIFY_TOPIC) for the
                                   listed objects and mark it sent; with --dry-run only count them
          --reembed MODE           describe nothing: embed the stored descriptions again (EMBEDDING_MODEL), calling
                                   only the embedding endpoint; missing: done documents without a vector;
                                   stale: also those whose embedder (model, dimensions, hash) is not the current one;
                                   all: every done document; with --dry-run only count them
          --help                   this text

        A run stops cleanly (exit 0, the summary says why) once DAILY_IMAGE_BUDGET or DAILY_TOKEN_BUDGET is spent;
        what it did not reach is described by the next run.

        Exit codes: 0 every listed object was handled (described, up to date, skipped or recorded failed), or a daily
        budget stopped the run; 1 transient failures remain (run it again, or let the Cloud Run job retry the task); 2 a bad option or setting.
        """;

    public string? Bucket { get; init; }

    public string? Prefix { get; init; }

    public string? MatchGlob { get; init; }

    public RedescribeMode Redescribe { get; init; } = RedescribeMode.Missing;

    public bool IncludePoison { get; init; }

    public bool DryRun { get; init; }

    public long? MaxObjects { get; init; }

    public double? MaxPerMinute { get; init; }

    public int Concurrency { get; init; } = DefaultConcurrency;

    public bool Json { get; init; }

    /// <summary>Publish the Pub/Sub notices still owed instead of describing anything.</summary>
    public bool Renotify { get; init; }

    /// <summary>Embed stored descriptions again instead of describing anything; null when not asked for.</summary>
    public ReembedMode? Reembed { get; init; }

    public bool Help { get; init; }

    /// <summary>What <c>backfill</c> accepts; the local runner's <c>backfill</c> adds <c>--samples</c> to it.</summary>
    public static CommandSyntax Syntax { get; } = new(
        BackfillCommand.Name,
        "DescribeFunction backfill --help",
        ["--bucket", "--prefix", "--match-glob", "--redescribe", "--max-objects", "--max-per-minute", "--concurrency", "--reembed"],
        ["--include-poison", "--dry-run", "--json", "--renotify"]);

    private static readonly Dictionary<string, RedescribeMode> Modes = Enum.GetValues<RedescribeMode>().ToDictionary(m => m.ToString().ToLowerInvariant());

    /// <summary>Options as <c>--name value</c> or <c>--name=value</c>.</summary>
    /// <exception cref="UsageException">An unknown option, a missing or bad value.</exception>
    public static BackfillOptions Parse(IReadOnlyList<string> args) => From(Syntax.Parse(args));

    /// <summary>The options from a command line already read (against <see cref="Syntax"/> or a syntax that extends it).</summary>
    /// <exception cref="UsageException">A bad value, or options that exclude each other.</exception>
    public static BackfillOptions From(CommandArguments args)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Help)
        {
            return new BackfillOptions { Help = true };
        }

        var options = new BackfillOptions
        {
            Bucket = args.Value("--bucket"),
            Prefix = args.Value("--prefix"),
            MatchGlob = args.Value("--match-glob"),
            Redescribe = args.Choice("--redescribe", Modes) ?? RedescribeMode.Missing,
            IncludePoison = args.Flag("--include-poison"),
            DryRun = args.Flag("--dry-run"),
            MaxObjects = args.WholeNumber("--max-objects", 1, long.MaxValue),
            MaxPerMinute = args.Number("--max-per-minute", r => r > 0 && r <= 1_000_000, "a positive number of descriptions a minute (at most 1000000)"),
            Concurrency = (int)(args.WholeNumber("--concurrency", 1, 1024) ?? DefaultConcurrency),
            Json = args.Flag("--json"),
            Renotify = args.Flag("--renotify"),
            Reembed = args.Value("--reembed") is { } reembed ? ReembedModes.Parse(reembed) : null,
        };
        return options.Reembed is null || !(args.Has("--redescribe") || options.Renotify) ? options
            : throw new UsageException($"The option --reembed cannot be combined with {(options.Renotify ? "--renotify" : "--redescribe")}: a run either re-embeds, renotifies or describes.");
    }
}

