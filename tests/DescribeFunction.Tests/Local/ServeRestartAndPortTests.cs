using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using DescribeFunction.Tests.Infrastructure;

namespace DescribeFunction.Tests.Local;

/// <summary>The local runner's first-run papercuts: a port another process holds, and a <c>serve</c> that restarts.</summary>
public sealed class ServeRestartAndPortTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData("--storage-port", "storage")]
    [InlineData("--function-port", "function")]
    public async Task Serve_WhenAPortIsTaken_SaysWhichInOneSentenceAndExitsNonZero(string option, string server)
    {
        using var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var taken = ((IPEndPoint)holder.LocalEndpoint).Port;
        var workDir = Directory.CreateTempSubdirectory("serve-taken-").FullName;
        var arguments = ServeArguments(FreePorts()).ToList();
        arguments[arguments.IndexOf(option) + 1] = P(taken);
        using var process = TestProcesses.StartLocalCli(arguments, workingDirectory: workDir);
        try
        {
            var exitCode = await process.WaitForExitAsync(Deadline);

            var errors = process.StandardError.Where(l => l.Length > 0).ToList();
            Assert.True(exitCode == 2, $"serve exited with {exitCode}:\n{string.Join('\n', process.StandardOutput)}\n{string.Join('\n', errors)}");
            var sentence = Assert.Single(errors);
            Assert.StartsWith($"Port {taken} ({server}) is already in use", sentence, StringComparison.Ordinal);
            Assert.Contains($"choose other ports with {option} N", sentence, StringComparison.Ordinal);
            Assert.DoesNotContain(process.StandardOutput, l => l.Contains("Press Ctrl+C", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(workDir, recursive: true);
        }
    }

    [Fact]
    public async Task Serve_AfterARestart_TheGalleryStillShowsTheDescriptionsOfEarlierUploads()
    {
        var workDir = Directory.CreateTempSubdirectory("serve-restart-").FullName;
        try
        {
            var first = FreePorts();
            string description;
            using (var serve = await StartServeAsync(first, workDir))
            {
                using var client = new HttpClient();
                var image = new ByteArrayContent(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Samples", "blue-white-portrait.png")));
                image.Headers.ContentType = new("image/png");
                var upload = await client.PostAsync(new Uri($"http://127.0.0.1:{first[2]}/upload/storage/v1/b/local-bucket/o?uploadType=media&name=kept.png"), image);
                Assert.True(upload.IsSuccessStatusCode, $"upload answered {(int)upload.StatusCode}");
                await serve.WaitForOutputAsync(l => l.Contains("kept.png: HTTP 200", StringComparison.Ordinal), Deadline, "the finalize event for kept.png to be answered");
                description = await DescriptionAsync(client, serve);
                serve.Signal("INT");
                Assert.Equal(0, await serve.WaitForExitAsync(Deadline));
            }

            // Other ports, the same folder: what the stand-ins keep lives in .local-data/, not in a port.
            var second = FreePorts();
            using (var serve = await StartServeAsync(second, workDir))
            {
                using var client = new HttpClient();
                Assert.Equal(description, await DescriptionAsync(client, serve));
                Assert.Contains(serve.StandardOutput, l => l.Contains($"127.0.0.1:{second[0]}/v1/", StringComparison.Ordinal));
                var items = JsonNode.Parse(await client.GetStringAsync(new Uri($"http://127.0.0.1:{second[5]}/api/items")))!.AsArray();
                var tile = Assert.Single(items, i => (string?)i!["name"] == "kept.png")!;
                Assert.Equal("done", (string?)tile["status"]);
                Assert.Equal(description, (string?)tile["document"]?["description"]);
                serve.Signal("INT");
                Assert.Equal(0, await serve.WaitForExitAsync(Deadline));
            }
        }
        finally
        {
            Directory.Delete(workDir, recursive: true);
        }
    }

    private static async Task<FunctionProcess> StartServeAsync(int[] ports, string workDir)
    {
        var process = TestProcesses.StartLocalCli(ServeArguments(ports), workingDirectory: workDir);
        try
        {
            await process.WaitForOutputAsync(l => l.Contains("Press Ctrl+C to stop.", StringComparison.Ordinal), Deadline, "the serve command's banner");
            return process;
        }
        catch
        {
            process.Dispose();
            throw;
        }
    }

    /// <summary>The stored description of kept.png, read where the banner of <paramref name="serve"/> says the function writes.</summary>
    private static async Task<string> DescriptionAsync(HttpClient client, FunctionProcess serve)
    {
        var readCommand = Assert.Single(serve.StandardOutput, l => l.Contains("curl -H 'Authorization: Bearer owner'", StringComparison.Ordinal));
        var photoUrl = readCommand[(readCommand.IndexOf("'http", StringComparison.Ordinal) + 1)..].TrimEnd('\'');
        using var read = new HttpRequestMessage(HttpMethod.Get, photoUrl.Replace("/photo.jpg", "/kept.png", StringComparison.Ordinal));
        read.Headers.Authorization = new("Bearer", "owner");
        using var response = await client.SendAsync(read);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"reading kept.png's document answered {(int)response.StatusCode}: {body}");
        var fields = JsonNode.Parse(body)!["fields"]!;
        Assert.Equal("done", (string?)fields["status"]!["stringValue"]);
        return (string)fields["description"]!["stringValue"]!;
    }

    private static int[] FreePorts() => [.. Enumerable.Range(0, 6).Select(_ => FreePort.Find())];

    private static string[] ServeArguments(int[] ports) =>
        ["serve", "--firestore-port", P(ports[0]), "--describer-port", P(ports[1]), "--storage-port", P(ports[2]), "--metadata-port", P(ports[3]), "--function-port", P(ports[4]), "--gallery-port", P(ports[5])];

    private static string P(int port) => port.ToString(CultureInfo.InvariantCulture);
}
