using System.Globalization;
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

    [Fact]
    public async Task DescribeOpen_KeepsTheGalleryRunningAfterTheDemoAndDescribesNewUploads()
    {
        var port = FreePort.Find();
        var sample = Path.Combine(AppContext.BaseDirectory, "Samples", "blue-white-portrait.png");
        using var demo = TestProcesses.StartLocalCli(["describe", "--open", "--gallery-port", port.ToString(CultureInfo.InvariantCulture), sample]);
        var gallery = new Uri($"http://127.0.0.1:{port}/");

        await demo.WaitForOutputAsync(l => l.StartsWith($"Gallery: {gallery}", StringComparison.Ordinal), TimeSpan.FromSeconds(90), "the gallery's address after the demo");
        using var client = new HttpClient();
        Assert.Contains("\"name\":\"blue-white-portrait.png\"", await client.GetStringAsync(new Uri(gallery, "api/items")), StringComparison.Ordinal);
        using var upload = new ByteArrayContent(await File.ReadAllBytesAsync(sample));
        upload.Headers.ContentType = new("image/png");
        (await client.PostAsync(new Uri(gallery, "api/upload?name=after.png"), upload)).EnsureSuccessStatusCode();
        await demo.WaitForOutputAsync(l => l.Contains("after.png: HTTP 200", StringComparison.Ordinal), TimeSpan.FromSeconds(60), "the upload through the gallery to be described");

        demo.Signal("INT");

        Assert.Equal(0, await demo.WaitForExitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task Describe_WithFirestoreEmulator_StoresTheDescriptionInGooglesEmulator()
    {
        var sample = Path.Combine(AppContext.BaseDirectory, "Samples", "blue-white-portrait.png");
        using var demo = TestProcesses.StartLocalCli(["describe", sample, "--firestore=emulator"]);

        var exitCode = await demo.WaitForExitAsync(TimeSpan.FromSeconds(120));

        var output = string.Join('\n', demo.StandardOutput);
        Assert.True(exitCode == 0, $"The demo exited with {exitCode}:\n{output}\n{string.Join('\n', demo.StandardError)}");
        Assert.Contains("Firestore: Google's official emulator at 127.0.0.1:", output, StringComparison.Ordinal);
        Assert.Contains("function answered HTTP 200; document status: done", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Describe_WithAnUnknownFirestore_ExitsNamingTheOption()
    {
        using var demo = TestProcesses.StartLocalCli(["describe", "--firestore=cloud"]);

        var exitCode = await demo.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(2, exitCode);
        Assert.Contains("The option --firestore must be standin or emulator, not 'cloud'.", demo.StandardError);
    }
}
