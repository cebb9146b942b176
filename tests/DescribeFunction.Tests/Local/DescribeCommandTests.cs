using DescribeFunction.Tests.Infrastructure;

namespace DescribeFunction.Tests.Local;

public sealed class DescribeCommandTests : IDisposable
{
    private readonly string _settingsFile = Path.Combine(Path.GetTempPath(), $"describe-demo-{Guid.NewGuid():N}.yaml");

    public void Dispose() => File.Delete(_settingsFile);

    [Fact]
    public async Task Describe_ReadsTheDocumentsFromTheCollectionTheSettingsNameAndIgnoresTheirTriggerBucket()
    {
        // An operator's settings for their deployment: the demo must still describe into its own local bucket and
        // read the documents back from wherever the function wrote them.
        await File.WriteAllTextAsync(_settingsFile, "FIRESTORE_COLLECTION: \"custom\"\nTRIGGER_BUCKET: \"elsewhere\"\n");
        var sample = Path.Combine(AppContext.BaseDirectory, "Samples", "blue-white-portrait.png");
        using var demo = TestProcesses.StartLocalCli(["describe", sample], new Dictionary<string, string> { ["FUNCTION_CONFIG"] = _settingsFile });

        var exitCode = await demo.WaitForExitAsync(TimeSpan.FromSeconds(90));

        var output = string.Join('\n', demo.StandardOutput);
        Assert.True(exitCode == 0, $"The demo exited with {exitCode}:\n{output}\n{string.Join('\n', demo.StandardError)}");
        Assert.Contains("function answered HTTP 200; document status: done", output, StringComparison.Ordinal);
        Assert.Contains("Stored Firestore documents (collection custom):", output, StringComparison.Ordinal);
        Assert.Contains("\"id\": \"blue-white-portrait.png\"", output, StringComparison.Ordinal);
    }
}
