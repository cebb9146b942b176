using DescribeFunction;
using DescribeFunction.Backfill;
using DescribeFunction.CommandLine;
using DescribeFunction.Doctor;
using DescribeFunction.Hosting;
using DescribeFunction.Search;

// The same executable serves events and, as `DescribeFunction backfill …`, describes what a bucket already holds;
// `DescribeFunction search …` finds described images by meaning; `DescribeFunction doctor` checks what the function
// needs. Whatever a command throws is one sentence here.
var first = args.Length > 0 ? args[0] : "";
if (ExecutableUsage.IsHelp(first))
{
    Console.WriteLine(ExecutableUsage.Text);
    return 0;
}

if (first == BackfillCommand.Name)
{
    return await CommandErrors.RunAsync(() => BackfillCommand.RunAsync(args[1..], new DescribeImageStartup()), Console.Error);
}

if (first == SearchCommand.Name)
{
    return await CommandErrors.RunAsync(() => SearchCommand.RunAsync(args[1..]), Console.Error);
}

if (first == DoctorCommand.Name)
{
    return await CommandErrors.RunAsync(() => DoctorCommand.RunAsync(args[1..]), Console.Error);
}

if (ExecutableUsage.HostArgumentError(args) is { } error)
{
    await Console.Error.WriteLineAsync(error);
    return CommandErrors.Usage;
}

// Startup stops with the reason alone (exit code 1): an operator reads it in the deploy log.
return await CommandErrors.RunAsync(
    async () =>
    {
        await using var app = await FunctionHost.CreateAsync(args, new DescribeImageStartup());
        await app.RunAsync();
        return 0;
    },
    Console.Error,
    badSettings: CommandErrors.Failed);
