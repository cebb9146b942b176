using DescribeFunction.Benchmarks;
using DescribeFunction.Benchmarks.Measuring;
using DescribeFunction.Benchmarks.Modes;
using DescribeFunction.Benchmarks.Running;

// The benchmark and load-test harness: the real function host as a separate process, against the offline stand-ins
// in this process. Prints fixed-width tables; exits 1 if the load test lost an event, 2 on bad arguments.
if (args.Contains("--help") || args.Contains("-h"))
{
    await Console.Out.WriteLineAsync(BenchmarkOptions.Usage);
    return 0;
}

BenchmarkOptions options;
try
{
    options = BenchmarkOptions.Parse(args);
}
catch (ArgumentException e)
{
    await Console.Error.WriteLineAsync(e.Message + "\n\n" + BenchmarkOptions.Usage);
    return 2;
}

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};
var output = Console.Out;
var ct = cancel.Token;
await output.WriteLineAsync(Machine.Describe());
await output.WriteLineAsync($"mode: {options.Mode}{(options.Quick ? " (quick)" : "")}; arguments: {string.Join(' ', args)}");
var builds = new BuildSet(options, output);
var lost = 0;
var all = options.Mode == "all";
if (all || options.Mode == "coldstart")
{
    await new ColdStartBenchmark(options, builds, output).RunAsync(ct);
}

if (all || options.Mode == "steady")
{
    await new SteadyBenchmark(options, builds, output).RunAsync(ct);
}

if (all || options.Mode == "slow")
{
    await new SlowStreamsBenchmark(options, builds, output).RunAsync(ct);
}

if (all || options.Mode == "load")
{
    lost = await new LoadTest(options, builds, output).RunAsync(ct);
}

// Not part of `all`: filling a bucket of 100,000 objects alone takes minutes.
if (options.Mode == "backfill")
{
    await new BackfillBenchmark(options, builds, output).RunAsync(ct);
}

// Not part of `all`: it compares the budget modes, a question of its own.
if (options.Mode == "budget")
{
    lost = await new BudgetBenchmark(options, builds, output).RunAsync(ct);
}

// Not part of `all`: it needs a container-sized heap (--env DOTNET_GCHeapHardLimit=…) to mean anything.
if (options.Mode == "inline" && !await new InlineBenchmark(options, builds, output).RunAsync(ct))
{
    return 1;
}

// Not part of `all`: seeding 10,000 embedded documents and starting Google's emulator take minutes.
if (options.Mode == "search")
{
    await new SearchBenchmark(options, output).RunAsync(ct);
}

return lost > 0 ? 1 : 0;
