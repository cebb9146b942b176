using DescribeFunction;
using DescribeFunction.Backfill;
using DescribeFunction.Configuration;
using DescribeFunction.Hosting;

// The same executable serves events and, as `DescribeFunction backfill …`, describes what a bucket already holds.
if (args.Length > 0 && args[0] == BackfillCommand.Name)
{
    return await BackfillCommand.RunAsync(args[1..], new DescribeImageStartup());
}

try
{
    await using var app = await FunctionHost.CreateAsync(args, new DescribeImageStartup());
    await app.RunAsync();
    return 0;
}
catch (InvalidSettingsException e)
{
    // Startup stops here with the reason alone: an operator reads it in the deploy log.
    await Console.Error.WriteLineAsync(e.Message);
    return 1;
}
