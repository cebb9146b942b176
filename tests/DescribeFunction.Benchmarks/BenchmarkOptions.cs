using System.Globalization;
using DescribeFunction.Benchmarks.Running;

namespace DescribeFunction.Benchmarks;

/// <summary>The command line: a mode, then sizes. <c>--quick</c> picks sizes that fit a CI run.</summary>
internal sealed class BenchmarkOptions
{
    public const string Usage = """
        usage: dotnet run -c Release --project tests/DescribeFunction.Benchmarks -- [MODE] [OPTIONS]

        modes: all (default), coldstart, steady, slow, load, backfill, budget, inline, search
          --quick                    small sizes for CI (about a minute); without it the full sizes (a few minutes)
          --build NAME=PATH          a build to run (repeatable): a .dll runs with `dotnet`, anything else directly;
                                     names fd, r2r and aot are the cold-start rows (fd is the baseline and the build
                                     the other modes run). Without fd, it is published into the work folder.
          --no-r2r / --r2r           skip / force publishing the ReadyToRun build when none is given
          --function NAME            which build steady/slow/load run (default fd)
          --env KEY=VALUE            an extra environment variable for the function process (repeatable),
                                     for example DOTNET_gcServer=0
          --work-dir DIR             where builds are published (default: $TMPDIR/describefunction-bench)
        coldstart: --runs N          fresh processes per build (default 7, quick 3)
        steady:    --events N --concurrency 1,16,64,256 --chunks 50
                   --output text,structured  DESCRIBE_OUTPUT modes to measure, one row each (default text)
                   --embeddings on,off       embeddings on (the local default) or EMBEDDING_MODEL blank, one row each
                                             (default on); with an on row it prints the cost of re-embedding 1 million
                                             images next to re-describing them, from the tokens the run recorded
                   --price NAME=USD          a price for that cost (repeatable): describe-input, describe-output and
                                             embedding per 1M tokens, firestore-writes per 100,000; the defaults are
                                             placeholders, not quotes
        slow:      --streams 256 --seconds 5 --chunks 50
        load:      --events 500 --fault-rate 0.05 --concurrency 32 --duplicate-rate 0.05 --max-deliveries 6
                   --seed 1 --chunk-delay-ms 2
        --notify                     steady and load with Pub/Sub notices on (Google's Pub/Sub emulator through gcloud):
                                     steady measures each row without and with them; load injects the fault rate into
                                     publishes too and prints notices delivered, duplicated and missing
        backfill:  --objects 100000 (a tenth new images to describe; quick 10000); not part of `all`
        budget:    --events 2000 --concurrency 64 (quick 600): no budget vs BUDGET_MODE approximate vs strict, then
                   the over-grant runs (two instances, a budget of 100, 400 events); not part of `all`
        inline:    --images 32 --image-mb 14 --max-deliveries 100 --redelivery-ms 250 (doubling, at most 10 s); not part
                   of `all`. Bytes allocated per inline image, then a burst of that many images at once (run it with
                   --env DOTNET_GCHeapHardLimit=0x18000000 for a 512 MiB container)
        search:    --documents 10000 --queries 200 --warmup 20 (quick 1000, 50, 5) --firestore standin,emulator;
                   not part of `all`. Seeds embedded descriptions, then times `search` (plain, --prefix, --status,
                   --like) one query at a time: p50/p99/max, and the shares of embedding and findNearest
        In `all`, prefix the shared names: --steady-events, --steady-concurrency, --load-events, --load-concurrency.
        """;

    public string Mode { get; private set; } = "all";

    public bool Quick { get; private set; }

    public List<FunctionBuild> Builds { get; } = [];

    public Dictionary<string, string> ExtraEnvironment { get; } = [];

    public bool? ReadyToRun { get; private set; }

    public string FunctionBuildName { get; private set; } = "fd";

    public string WorkDirectory { get; private set; } = Path.Combine(Path.GetTempPath(), "describefunction-bench");

    public int Runs { get; private set; }

    public int SteadyEvents { get; private set; }

    public int[] SteadyConcurrency { get; private set; } = [];

    public int Chunks { get; private set; } = 50;

    /// <summary>The DESCRIBE_OUTPUT values steady mode measures side by side.</summary>
    public string[] OutputModes { get; private set; } = ["text"];

    /// <summary>Steady rows with embeddings on (the local settings' default) and with EMBEDDING_MODEL blank.</summary>
    public bool[] EmbeddingModes { get; private set; } = [true];

    /// <summary>Placeholder prices in USD for the re-embedding cost: per 1M tokens, and per 100,000 Firestore writes.</summary>
    public Dictionary<string, double> Prices { get; } = new(StringComparer.Ordinal)
    {
        ["describe-input"] = 0.50,
        ["describe-output"] = 2.00,
        ["embedding"] = 0.10,
        ["firestore-writes"] = 0.20,
    };

    public int SearchDocuments { get; private set; }

    public int SearchQueries { get; private set; }

    public int SearchWarmup { get; private set; }

    /// <summary>Which Firestores search mode measures: the stand-in, Google's emulator, or both.</summary>
    public string[] SearchFirestores { get; private set; } = ["standin", "emulator"];

    public int Streams { get; private set; }

    public double StreamSeconds { get; private set; }

    public int LoadEvents { get; private set; }

    public int LoadConcurrency { get; private set; }

    public double FaultRate { get; private set; } = 0.05;

    public double DuplicateRate { get; private set; } = 0.05;

    public int MaxDeliveries { get; private set; } = 6;

    public int Seed { get; private set; } = 1;

    public int LoadChunkDelayMs { get; private set; } = 2;

    public int BackfillObjects { get; private set; }

    public int InlineImages { get; private set; } = 32;

    public double InlineImageMb { get; private set; } = 14;

    public int RedeliveryMs { get; private set; } = 250;

    /// <summary>Pub/Sub notices on (Google's emulator): steady measures each row with and without, load checks delivery.</summary>
    public bool Notify { get; private set; }

    public static BenchmarkOptions Parse(string[] args)
    {
        var options = new BenchmarkOptions();
        var i = 0;
        if (args.Length > 0 && !args[0].StartsWith('-'))
        {
            options.Mode = args[i++] switch
            {
                "all" or "coldstart" or "steady" or "slow" or "load" or "backfill" or "budget" or "inline" or "search" => args[0],
                _ => throw new ArgumentException($"Unknown mode '{args[0]}'."),
            };
        }

        options.Quick = args.Contains("--quick");
        options.MaxDeliveries = options.Mode == "inline" ? 100 : options.MaxDeliveries;
        options.ApplyDefaults();
        for (; i < args.Length; i++)
        {
            var name = args[i];
            if (name is "--quick")
            {
                continue;
            }

            if (name is "--notify")
            {
                options.Notify = true;
                continue;
            }

            if (name is "--no-r2r" or "--r2r")
            {
                options.ReadyToRun = name == "--r2r";
                continue;
            }

            var value = i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{name} needs a value.");
            options.Set(name, value);
        }

        return options;
    }

    private void ApplyDefaults()
    {
        Runs = Quick ? 3 : 7;
        SteadyEvents = Mode == "budget" ? (Quick ? 600 : 2000) : Quick ? 200 : 1000;
        SteadyConcurrency = Mode == "budget" ? [64] : Quick ? [1, 16, 64] : [1, 16, 64, 256];
        Streams = Quick ? 64 : 256;
        StreamSeconds = Quick ? 2 : 5;
        LoadEvents = Quick ? 150 : 500;
        LoadConcurrency = Quick ? 16 : 32;
        BackfillObjects = Quick ? 10_000 : 100_000;
        SearchDocuments = Quick ? 1_000 : 10_000;
        SearchQueries = Quick ? 50 : 200;
        SearchWarmup = Quick ? 5 : 20;
    }

    private void Set(string name, string value)
    {
        var steady = Mode is "steady" or "all" or "budget";
        var load = Mode is "load" or "all";
        switch (name)
        {
            case "--build": Builds.Add(FunctionBuild.Parse(value)); break;
            case "--function": FunctionBuildName = value; break;
            case "--env" when value.IndexOf('=', StringComparison.Ordinal) > 0:
                ExtraEnvironment[value[..value.IndexOf('=', StringComparison.Ordinal)]] = value[(value.IndexOf('=', StringComparison.Ordinal) + 1)..];
                break;
            case "--work-dir": WorkDirectory = Path.GetFullPath(value); break;
            case "--runs": Runs = Positive(name, value); break;
            case "--events":
                SteadyEvents = steady ? Positive(name, value) : SteadyEvents;
                LoadEvents = load ? Positive(name, value) : LoadEvents;
                break;
            case "--concurrency":
                SteadyConcurrency = steady ? List(name, value) : SteadyConcurrency;
                LoadConcurrency = load ? List(name, value)[^1] : LoadConcurrency;
                break;
            case "--steady-events": SteadyEvents = Positive(name, value); break;
            case "--steady-concurrency": SteadyConcurrency = List(name, value); break;
            case "--load-events": LoadEvents = Positive(name, value); break;
            case "--load-concurrency": LoadConcurrency = Positive(name, value); break;
            case "--chunks": Chunks = Positive(name, value); break;
            case "--output": OutputModes = Modes(name, value); break;
            case "--embeddings": EmbeddingModes = OnOff(name, value); break;
            case "--price": SetPrice(name, value); break;
            case "--documents": SearchDocuments = Positive(name, value); break;
            case "--queries": SearchQueries = Positive(name, value); break;
            case "--warmup": SearchWarmup = int.TryParse(value, CultureInfo.InvariantCulture, out var w) && w >= 0 ? w : throw new ArgumentException($"{name} takes a whole number, not '{value}'."); break;
            case "--firestore": SearchFirestores = Firestores(name, value); break;
            case "--streams": Streams = Positive(name, value); break;
            case "--seconds": StreamSeconds = Fraction(name, value, 0.01, 600); break;
            case "--fault-rate": FaultRate = Fraction(name, value, 0, 1); break;
            case "--duplicate-rate": DuplicateRate = Fraction(name, value, 0, 1); break;
            case "--max-deliveries": MaxDeliveries = Positive(name, value); break;
            case "--seed": Seed = int.Parse(value, CultureInfo.InvariantCulture); break;
            case "--objects": BackfillObjects = Positive(name, value); break;
            case "--images": InlineImages = Positive(name, value); break;
            case "--image-mb": InlineImageMb = Fraction(name, value, 0.01, 20); break;
            case "--redelivery-ms": RedeliveryMs = Positive(name, value); break;
            case "--chunk-delay-ms": LoadChunkDelayMs = int.Parse(value, CultureInfo.InvariantCulture); break;
            default: throw new ArgumentException($"Unknown option '{name}'.");
        }
    }

    private static int Positive(string name, string value) =>
        int.TryParse(value, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : throw new ArgumentException($"{name} takes a positive whole number, not '{value}'.");

    private static string[] Modes(string name, string value)
    {
        var modes = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return modes.Length > 0 && modes.All(m => m is "text" or "structured")
            ? modes
            : throw new ArgumentException($"{name} takes text, structured or both comma-separated, not '{value}'.");
    }

    private static bool[] OnOff(string name, string value)
    {
        var modes = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return modes.Length > 0 && modes.All(m => m is "on" or "off")
            ? [.. modes.Select(m => m == "on")]
            : throw new ArgumentException($"{name} takes on, off or both comma-separated, not '{value}'.");
    }

    private static string[] Firestores(string name, string value)
    {
        var kinds = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return kinds.Length > 0 && kinds.All(k => k is "standin" or "emulator")
            ? kinds
            : throw new ArgumentException($"{name} takes standin, emulator or both comma-separated, not '{value}'.");
    }

    private void SetPrice(string name, string value)
    {
        var at = value.IndexOf('=', StringComparison.Ordinal);
        var key = at > 0 ? value[..at] : "";
        Prices[Prices.ContainsKey(key) ? key : throw new ArgumentException($"{name} takes {string.Join(", ", Prices.Keys)}=USD, not '{value}'.")] =
            Fraction(name, value[(at + 1)..], 0, 1_000_000);
    }

    private static int[] List(string name, string value) => [.. value.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(v => Positive(name, v.Trim()))];

    private static double Fraction(string name, string value, double min, double max) =>
        double.TryParse(value, CultureInfo.InvariantCulture, out var d) && d >= min && d <= max
            ? d
            : throw new ArgumentException($"{name} takes a number from {min} to {max}, not '{value}'.");
}
