using System.Net;
using DescribeFunction.Tests.Infrastructure;

namespace DescribeFunction.Tests.Hosting;

public sealed class StartupTests : IDisposable
{
    private readonly TemporarySettingsFile _configFile = new();

    public void Dispose() => _configFile.Dispose();

    [Fact]
    public async Task InvalidSettingInFunctionYaml_StopsStartupNamingTheSetting()
    {
        await _configFile.WriteAsync("DESCRIBE_MAX_OUTPUT_TOKENS: \"lots\"\nIMAGE_DELIVERY: \"carrier-pigeon\"\n");
        using var function = TestProcesses.StartFunction(new Dictionary<string, string> { ["FUNCTION_CONFIG"] = _configFile.Path, ["PORT"] = "0" });

        var exitCode = await function.WaitForExitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(1, exitCode);
        var errors = string.Join('\n', function.StandardError);
        Assert.Contains("The setting DESCRIBE_MAX_OUTPUT_TOKENS must be a whole number", errors, StringComparison.Ordinal);
        Assert.Contains("'lots'", errors, StringComparison.Ordinal);
        Assert.Contains("The setting IMAGE_DELIVERY must be one of gcs-uri, inline", errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EnvironmentVariables_OverrideFunctionYaml()
    {
        await _configFile.WriteAsync("DESCRIBE_MAX_OUTPUT_TOKENS: \"lots\"\nVERTEX_LOCATION: \"us-central1\"\n");
        using var function = TestProcesses.StartFunction(new Dictionary<string, string>
        {
            ["FUNCTION_CONFIG"] = _configFile.Path,
            ["PORT"] = "0",
            ["DESCRIBE_MAX_OUTPUT_TOKENS"] = "2048",
            ["VERTEX_LOCATION"] = "Not A Location",
        });

        var exitCode = await function.WaitForExitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(1, exitCode);
        var errors = string.Join('\n', function.StandardError);
        Assert.DoesNotContain("DESCRIBE_MAX_OUTPUT_TOKENS", errors, StringComparison.Ordinal);
        Assert.Contains("VERTEX_LOCATION", errors, StringComparison.Ordinal);
        Assert.Contains("'Not A Location'", errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FunctionTargetNamingAnotherFunction_StopsStartup()
    {
        using var function = TestProcesses.StartFunction(new Dictionary<string, string> { ["FUNCTION_TARGET"] = "HelloWorld.Function", ["PORT"] = "0" });

        var exitCode = await function.WaitForExitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(1, exitCode);
        Assert.Contains("FUNCTION_TARGET names 'HelloWorld.Function'", string.Join('\n', function.StandardError), StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvalidYaml_StopsStartupNamingTheFile()
    {
        await _configFile.WriteAsync("A: [unclosed\n");
        using var function = TestProcesses.StartFunction(new Dictionary<string, string> { ["FUNCTION_CONFIG"] = _configFile.Path, ["PORT"] = "0" });

        var exitCode = await function.WaitForExitAsync(TimeSpan.FromSeconds(30));

        Assert.NotEqual(0, exitCode);
        Assert.Contains(Path.GetFileName(_configFile.Path), string.Join('\n', function.StandardError), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OnCloudRun_ListensOnAllInterfacesAndLogsJson()
    {
        var port = FreePort.Find();
        using var function = TestProcesses.StartFunction(new Dictionary<string, string>
        {
            ["PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["K_SERVICE"] = "describe-image",
            ["FUNCTION_TARGET"] = "DescribeFunction.DescribeImageFunction",
            ["GOOGLE_CLOUD_PROJECT"] = "my-project-123",
            ["OPENAI_API_KEY"] = "test-key",
            ["FIRESTORE_EMULATOR_HOST"] = "127.0.0.1:9",
        });

        var started = await function.WaitForOutputAsync(l => l.Contains("listening", StringComparison.OrdinalIgnoreCase), TimeSpan.FromSeconds(30), "the line saying it listens");

        Assert.StartsWith("{", started, StringComparison.Ordinal);
        Assert.Contains("\"severity\":\"INFO\"", started, StringComparison.Ordinal);
        Assert.Contains($"0.0.0.0:{port}", started, StringComparison.Ordinal);
        using var client = new HttpClient();
        var response = await client.SendAsync(WithTrace(new HttpRequestMessage(HttpMethod.Post, $"http://127.0.0.1:{port}/") { Content = new StringContent("{oops", System.Text.Encoding.UTF8, "application/json") }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var rejected = await function.WaitForOutputAsync(l => l.Contains("Rejected a request", StringComparison.Ordinal), TimeSpan.FromSeconds(10), "the log line of the rejected request");
        Assert.Contains("\"severity\":\"WARNING\"", rejected, StringComparison.Ordinal);
        Assert.Contains("\"logging.googleapis.com/trace\":\"projects/my-project-123/traces/4bf92f3577b34da6a3ce929d0e0e4736\"", rejected, StringComparison.Ordinal);
        Assert.Contains("\"logging.googleapis.com/spanId\":\"00f067aa0ba902b7\"", rejected, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Locally_ListensOnLoopbackWithPlainLogs()
    {
        var port = FreePort.Find();
        using var function = TestProcesses.StartFunction(new Dictionary<string, string>
        {
            ["PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["GOOGLE_CLOUD_PROJECT"] = "my-project-123",
            ["OPENAI_API_KEY"] = "test-key",
            ["FIRESTORE_EMULATOR_HOST"] = "127.0.0.1:9",
        });

        var started = await function.WaitForOutputAsync(l => l.Contains("listening", StringComparison.OrdinalIgnoreCase), TimeSpan.FromSeconds(30), "the line saying it listens");

        Assert.DoesNotContain("{", started, StringComparison.Ordinal);
        Assert.Contains($"127.0.0.1:{port}", started, StringComparison.Ordinal);
    }

    private static HttpRequestMessage WithTrace(HttpRequestMessage request)
    {
        request.Headers.Add("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
        return request;
    }
}
