using DescribeFunction.Tests.Infrastructure;

namespace DescribeFunction.Tests.Local;

public sealed class DescribeCommandTests
{
    [Fact]
    public async Task Describe_ReadsTheDocumentsFromTheCollectionTheSettingsNameAndIgnoresTheirTriggerBucket()
    {
        // An operator's settings for their deployment: the demo must still describe into its own local bucket and
        // read the documents back from wherever the function wrote them.
        using var settings = new TemporarySettingsFile();
        await settings.WriteAsync("FIRESTORE_COLLECTION: \"custom\"\nTRIGGER_BUCKET: \"elsewhere\"\n");
        var sample = Path.Combine(AppContext.BaseDirectory, "Samples", "blue-white-portrait.png");
        using var demo = TestProcesses.StartLocalCli(["describe", sample], new Dictionary<string, string> { ["FUNCTION_CONFIG"] = settings.Path });

        var exitCode = await demo.WaitForExitAsync(TimeSpan.FromSeconds(90));

        var output = string.Join('\n', demo.StandardOutput);
        Assert.True(exitCode == 0, $"The demo exited with {exitCode}:\n{output}\n{string.Join('\n', demo.StandardError)}");
        Assert.Contains("function answered HTTP 200; document status: done", output, StringComparison.Ordinal);
        Assert.Contains("Stored Firestore documents (collection custom):", output, StringComparison.Ordinal);
        Assert.Contains("\"id\": \"blue-white-portrait.png\"", output, StringComparison.Ordinal);
        Assert.Contains("Usage today (", output, StringComparison.Ordinal);
        Assert.Contains("  1 images of no budget,", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DescribeStructured_StreamsTheProseAndPrintsAltTextAndLabels()
    {
        using var settings = new TemporarySettingsFile();
        await settings.WriteAsync("FIRESTORE_COLLECTION: \"structured\"\n");
        var sample = Path.Combine(AppContext.BaseDirectory, "Samples", "sunset-landscape.jpg");
        using var demo = TestProcesses.StartLocalCli(["describe", sample, "--structured"], new Dictionary<string, string> { ["FUNCTION_CONFIG"] = settings.Path });

        var exitCode = await demo.WaitForExitAsync(TimeSpan.FromSeconds(90));

        var output = string.Join('\n', demo.StandardOutput);
        Assert.True(exitCode == 0, $"The demo exited with {exitCode}:\n{output}\n{string.Join('\n', demo.StandardError)}");
        Assert.Contains("  A landscape JPEG image, 640 by 400 pixels.", output, StringComparison.Ordinal);
        Assert.DoesNotContain("{\"description\":", output, StringComparison.Ordinal);
        Assert.Contains("  altText: A landscape photo in ", output, StringComparison.Ordinal);
        Assert.Contains("  labels: photo, landscape, ", output, StringComparison.Ordinal);
        Assert.Contains("\"output\": \"structured\"", output, StringComparison.Ordinal);
        Assert.Contains("\"labels\": [", output, StringComparison.Ordinal);
    }
}
