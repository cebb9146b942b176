using System.Diagnostics;
using System.Globalization;
using DescribeFunction.Benchmarks.Measuring;
using DescribeFunction.Benchmarks.Output;
using DescribeFunction.Benchmarks.Running;
using DescribeFunction.Configuration;
using DescribeFunction.Embedding;
using DescribeFunction.Firestore;
using DescribeFunction.GoogleCloud;
using DescribeFunction.Local.Emulators;
using DescribeFunction.Local.Hosting;
using DescribeFunction.Search;

namespace DescribeFunction.Benchmarks.Modes;

/// <summary>
/// Search latency: a collection of described, embedded documents (<see cref="SearchCorpus"/>) in the Firestore
/// stand-in and in Google's emulator, then <c>DescribeFunction search</c>'s own code (<see cref="SearchOptions"/>,
/// <see cref="VectorSearch"/>, the product's embedding and Firestore clients, built once as a long-running reader
/// would) run one query at a time: plain, with <c>--prefix</c>, with <c>--status</c>, and <c>--like</c>. The query is
/// embedded by the describer stand-in in this process; both Firestores answer findNearest by exact search.
/// </summary>
internal sealed class SearchBenchmark(BenchmarkOptions options, TextWriter output)
{
    private static readonly (string Label, Func<int, int, string[]> Arguments)[] Kinds =
    [
        ("query", (i, _) => [Query(i)]),
        ("--prefix", (i, _) => [Query(i), "--prefix", $"p{i % SearchCorpus.Prefixes}/"]),
        ("--status done", (i, _) => [Query(i), "--status", "done"]),
        ("--like", (i, documents) => ["--like", SearchCorpus.ObjectName((int)((i * 7919L) % documents))]),
    ];

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var table = new Table(
            $"Search: {options.SearchDocuments} documents, {options.SearchQueries} queries per row one at a time after {options.SearchWarmup} warm-up, --limit {SearchOptions.DefaultLimit}; " +
            "embed = the query's embedding round trip, findNearest = the runQuery round trip, read = the --like document's read, code = the rest",
            "firestore", "query", "queries", "results", "p50 ms", "p99 ms", "max ms", "mean ms", "embed p50", "findNearest p50", "read p50",
            "embed %", "findNearest %", "read %", "code %");
        foreach (var firestore in options.SearchFirestores)
        {
            await MeasureAsync(firestore, table, cancellationToken);
        }

        table.Write(output);
        await output.WriteLineAsync($"  load average after: {Machine.LoadAverage()}");
    }

    private async Task MeasureAsync(string firestore, Table table, CancellationToken cancellationToken)
    {
        await using var emulator = firestore == "emulator"
            ? await OfficialFirestoreEmulator.StartAsync(timeout: TimeSpan.FromMinutes(3), cancellationToken: cancellationToken)
            : null;
        await using var standIns = await StandIns.StartAsync(options.ExtraEnvironment, emulator is null ? LocalFirestore.StandIn : LocalFirestore.Existing(emulator.HostPort), cancellationToken);
        var settings = Read(standIns.FunctionSettings());
        var google = await GoogleCloudContextLoader.LoadAsync(settings, cancellationToken);
        var timings = new SearchTimings();
        using var http = new HttpClient(timings.FirestoreHandler()) { Timeout = TimeSpan.FromMinutes(2) };
        var documents = FirestoreClient.Create(google.ProjectId, settings.Store.FirestoreDatabase, settings.Cloud.FirestoreEmulatorHost, google.Credential, http);
        var embedder = timings.Wrap(EmbeddingClientFactory.Create(settings.Embedding, settings.Model, google.ProjectId, google.Credential)
            ?? throw new ArgumentException("Search needs EMBEDDING_MODEL; do not blank it with --env."));
        var search = new VectorSearch(documents, embedder, settings.Store, settings.Embedding);

        var (seconds, characters) = await new SearchCorpus(settings).SeedAsync(documents, options.SearchDocuments, options.Seed, cancellationToken);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"  search {firestore}: seeded {options.SearchDocuments} documents ({settings.Embedding.EmbeddingDimensions} dimensions, descriptions of {characters:F0} characters on average) in {seconds:F1} s; load average {Machine.LoadAverage()}"));
        foreach (var (label, arguments) in Kinds)
        {
            for (var i = 0; i < options.SearchWarmup; i++)
            {
                await search.RunAsync(SearchOptions.Parse(arguments(options.SearchQueries + i, options.SearchDocuments)), cancellationToken);
            }

            var samples = new List<Sample>(options.SearchQueries);
            for (var i = 0; i < options.SearchQueries; i++)
            {
                var parsed = SearchOptions.Parse(arguments(i, options.SearchDocuments));
                timings.Reset();
                var start = Stopwatch.GetTimestamp();
                var results = await search.RunAsync(parsed, cancellationToken);
                samples.Add(new Sample(Stopwatch.GetElapsedTime(start).TotalMilliseconds, timings.EmbedMs, timings.FindNearestMs, timings.ReadMs, results.Count));
            }

            var row = Row(firestore, label, samples);
            table.Add(row);
            await output.WriteLineAsync($"  search {firestore} {label}: {string.Join(", ", row)}");
        }
    }

    private static string[] Row(string firestore, string label, List<Sample> samples)
    {
        var total = samples.Sum(s => s.TotalMs);
        string Share(Func<Sample, double> part) => Table.Num(100 * samples.Sum(part) / total);
        string P50(Func<Sample, double> part) => Table.Ms(Stats.Median([.. samples.Select(part)]));
        var totals = samples.Select(s => s.TotalMs).ToArray();
        return
        [
            firestore, label, samples.Count.ToString(CultureInfo.InvariantCulture), Table.Num(samples.Average(s => s.Results), "F1"),
            Table.Ms(Stats.Percentile(totals, 50)), Table.Ms(Stats.Percentile(totals, 99)), Table.Ms(totals.Max()), Table.Ms(totals.Average()),
            P50(s => s.EmbedMs), P50(s => s.FindNearestMs), P50(s => s.ReadMs),
            Share(s => s.EmbedMs), Share(s => s.FindNearestMs), Share(s => s.ReadMs),
            Share(s => s.TotalMs - s.EmbedMs - s.FindNearestMs - s.ReadMs),
        ];
    }

    private static string Query(int i) => SearchCorpus.Queries[i % SearchCorpus.Queries.Count];

    /// <summary>The function's settings as <c>search</c> reads them, from the stand-ins' environment.</summary>
    private static FunctionSettings Read(IReadOnlyDictionary<string, string> values)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(values.Select(kv => KeyValuePair.Create(kv.Key, (string?)kv.Value)))
            .Build();
        var reader = new SettingsReader(configuration);
        var settings = FunctionSettings.Read(reader);
        InvalidSettingsException.ThrowIfAny(reader.Errors);
        return settings;
    }

    private readonly record struct Sample(double TotalMs, double EmbedMs, double FindNearestMs, double ReadMs, int Results);
}
