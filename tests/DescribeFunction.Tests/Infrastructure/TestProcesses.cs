namespace DescribeFunction.Tests.Infrastructure;

/// <summary>
/// The child processes the tests start: the function host, and the local runner's command line. Each reads the tests'
/// settings file unless the test names another with FUNCTION_CONFIG.
/// </summary>
public static class TestProcesses
{
    public static FunctionProcess StartFunction(IReadOnlyDictionary<string, string> environment) =>
        FunctionProcess.Start(WithTestSettings(environment));

    /// <summary><c>dotnet DescribeFunction.Local.dll ARGS</c>, the local runner as a developer starts it.</summary>
    public static FunctionProcess StartLocalCli(IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null) =>
        FunctionProcess.Start(Path.Combine(AppContext.BaseDirectory, "DescribeFunction.Local.dll"), arguments, WithTestSettings(environment), workingDirectory);

    // Explicit although the variable is inherited from this process: a child must not depend on how the test
    // process was set up.
    private static Dictionary<string, string> WithTestSettings(IReadOnlyDictionary<string, string>? environment)
    {
        var all = new Dictionary<string, string>(environment ?? new Dictionary<string, string>());
        all.TryAdd("FUNCTION_CONFIG", TestSettings.FilePath);
        return all;
    }
}
