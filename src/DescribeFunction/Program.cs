using DescribeFunction.Hosting;

var app = FunctionHost.Create(args);
await app.RunAsync();
