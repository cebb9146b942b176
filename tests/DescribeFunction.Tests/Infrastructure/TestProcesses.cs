namespace DescribeFunction.Tests.Infrastructure;

/// <summary>The child processes the tests start: the function host, and the local runner's command line.</summary>
public static class TestProcesses
{
    public static FunctionProcess StartFunction(IReadOnlyDictionary<string, string> environment) =>
        FunctionProcess.Start(environment);

    /// <summary><c>dotnet DescribeFunction.Local.dll ARGS</c>, the local runner as a developer starts it.</summary>
    public static FunctionProcess StartLocalCli(IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null) =>
        FunctionProcess.Start(Path.Combine(AppContext.BaseDirectory, "DescribeFunction.Local.dll"), arguments, environment ?? new Dictionary<string, string>(), workingDirectory);
}
