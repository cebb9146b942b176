using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using DescribeFunction.Benchmarks.Measuring;
using DescribeFunction.Benchmarks.Output;
using DescribeFunction.Benchmarks.Running;
using DescribeFunction.Configuration;
using DescribeFunction.Describing;
using DescribeFunction.Firestore;
using DescribeFunction.Local.Hosting;
using DescribeFunction.Store;

namespace DescribeFunction.Benchmarks.Modes;

/// <summary>
/// The backfill job as a separate process against a bucket of <c>--objects</c> objects in the storage stand-in, of
/// which a tenth are new images to describe (fast describer), six tenths images already described by the current
/// describer, and the rest not images. Names spread over ten prefixes alike, so <c>--prefix p0/</c> is a tenth of the
/// bucket with the same mix.
/// </summary>
internal sealed class BackfillBenchmark(BenchmarkOptions options, BuildSet builds, TextWriter output)
{
    private const int Prefixes = 10;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var build = await builds.FunctionAsync(cancellationToken);
        await using var standIns = await StandIns.StartAsync(options.ExtraEnvironment, cancellationToken);
        standIns.Environment.DescriberSettings.ChunkDelay = TimeSpan.Zero;
        var settings = standIns.FunctionSettings();
        var fill = Stopwatch.StartNew();
        var toDescribe = await FillAsync(standIns, settings, cancellationToken);
        await output.WriteLineAsync($"  backfill: {options.BackfillObjects:N0} objects ({toDescribe:N0} to describe) stored in {fill.Elapsed.TotalSeconds:F1} s");

        var table = new Table(
            $"Backfill job ({build.Name}, separate process; stand-ins and the fast describer in this process); load average before: {Machine.LoadAverage()}",
            "run", "objects listed", "described", "wall s", "run s", "objects/s", "described/s", "peak RSS MB", "CPU ms", "CPU ms/described");
        var firstHalf = toDescribe / 2;
        table.Add(await MeasureAsync(build, settings, "describe, concurrency 16", ["--concurrency", "16", "--max-objects", firstHalf.ToString(CultureInfo.InvariantCulture)], cancellationToken));
        table.Add(await MeasureAsync(build, settings, "describe, concurrency 64", ["--concurrency", "64"], cancellationToken));
        table.Add(await MeasureAsync(build, settings, $"classify only, {options.BackfillObjects / Prefixes:N0} objects", ["--prefix", "p0/"], cancellationToken));
        table.Add(await MeasureAsync(build, settings, $"classify only, {options.BackfillObjects:N0} objects", [], cancellationToken));
        table.Write(output);
        await output.WriteLineAsync($"  load average after: {Machine.LoadAverage()}");
        await output.WriteLineAsync("  goals (not enforced): classification >= 5,000 objects/s, describing >= 300 objects/s at concurrency 64, peak RSS < 150 MB at 100,000 objects");
    }

    private async Task<string[]> MeasureAsync(FunctionBuild build, Dictionary<string, string> settings, string label, string[] arguments, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        await using var process = build.StartBackfill(settings, [.. arguments, "--json"]);
        var cpuMs = 0.0;
        await using (var peak = new PeakSampler(process.Id, TimeSpan.FromMilliseconds(20)))
        {
            // The last reading before the process exits is its CPU time (to within the sampling interval).
            while (!process.HasExited)
            {
                try
                {
                    cpuMs = ProcStats.Read(process.Id).CpuMs;
                }
                catch (IOException)
                {
                    break;
                }

                await Task.Delay(20, cancellationToken);
            }

            var exitCode = await process.WaitForExitAsync(TimeSpan.FromHours(1));
            var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
            var json = string.Join('\n', process.StandardOutput.SkipWhile(l => !l.StartsWith('{')));
            if (exitCode != 0 || json.Length == 0)
            {
                throw new InvalidOperationException($"The backfill exited with {exitCode}:\n{process.OutputTail()}");
            }

            using var summary = JsonDocument.Parse(json);
            var listed = summary.RootElement.GetProperty("listed").GetInt64();
            var described = summary.RootElement.GetProperty("described").GetInt64();
            // Rates over the run itself, as the job reports it; the wall time also holds the process start.
            var run = summary.RootElement.GetProperty("elapsedSeconds").GetDouble();
            var row = new[]
            {
                label, Table.Num(listed), Table.Num(described), Table.Num(seconds, "F1"), Table.Num(run, "F1"), Table.Num(listed / run), Table.Num(described / run),
                Table.Num(peak.MaxRssMb, "F0"), Table.Num(cpuMs), described > 0 ? Table.Num(cpuMs / described, "F2") : "-",
            };
            await output.WriteLineAsync($"  backfill {label}: {string.Join(", ", row)}");
            return row;
        }
    }

    /// <summary>Stores the bucket and the documents of the images already described; returns how many are new images.</summary>
    private async Task<int> FillAsync(StandIns standIns, Dictionary<string, string> settings, CancellationToken cancellationToken)
    {
        var resolved = new FunctionSettings { Model = new() { DescribeModel = settings.GetValueOrDefault("DESCRIBE_MODEL", new FunctionSettings().Model.DescribeModel) } };
        var describer = DescriberIdentity.From(resolved.Model);
        var sample = await File.ReadAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "Samples", "green-yellow-square.webp"), cancellationToken);
        var store = standIns.Environment.BucketStore;
        var writes = new List<FirestoreWrite>();
        var toDescribe = 0;
        for (var i = 0; i < options.BackfillObjects; i++)
        {
            // The kind follows i % 10 and the prefix (i / 10) % 10, so every prefix holds every kind.
            var name = $"p{i / 10 % Prefixes}/{i:D7}";
            switch (i % 10)
            {
                case 0:
                    store.Put(LocalEnvironment.Bucket, name + ".webp", sample, "image/webp");
                    toDescribe++;
                    break;
                case <= 6:
                    var described = store.Put(LocalEnvironment.Bucket, name + ".jpg", "x"u8, "image/jpeg");
                    writes.Add(FirestoreWrite.Replace(standIns.Collection, DocumentId.FromObjectName(described.Name), new DocumentFields()
                        .Set(DescriptionFields.Name, described.Name)
                        .Set(DescriptionFields.Generation, described.Generation)
                        .Set(DescriptionFields.Status, DescriptionStatus.Done)
                        .Set(DescriptionFields.Describer, new DocumentFields()
                            .Set(DescriptionFields.DescriberModel, describer.Model)
                            .Set(DescriptionFields.DescriberPromptHash, describer.PromptHash))));
                    break;
                default:
                    store.Put(LocalEnvironment.Bucket, name + ".txt", "x"u8, "text/plain");
                    break;
            }

            if (writes.Count == FirestoreClient.MaxWritesPerCommit)
            {
                await standIns.Documents.CommitAsync(writes, cancellationToken);
                writes.Clear();
            }
        }

        if (writes.Count > 0)
        {
            await standIns.Documents.CommitAsync(writes, cancellationToken);
        }

        return toDescribe;
    }
}
