using DescribeFunction.Local.Cli;

RepositorySettings.UseWhenInRepository();
return await LocalCli.RunAsync(args);
