using DescribeFunction;
using DescribeFunction.Configuration;
using DescribeFunction.Hosting;

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
