using DescribeFunction.Local.Cli;

return await LocalCli.RunAsync(args);
