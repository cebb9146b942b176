using System.Globalization;
using System.Net;

using DescribeFunction.Testing;
using DescribeFunction.Tests.Infrastructure;

namespace DescribeFunction.Tests.Local;

public sealed class ServeCommandTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Serve_StartsEverythingDeliversUploadsAndStopsCleanlyOnCtrlC()
    {
        var workDir = Directory.CreateTempSubdirectory("serve-").FullName;
        var (process, ports) = await StartServeAsync(6, ports =>
            ["serve", "--firestore-port", P(ports[0]), "--describer-port", P(ports[1]), "--storage-port", P(ports[2]), "--metadata-port", P(ports[3]), "--function-port", P(ports[4]), "--gallery-port", P(ports[5])],
            workDir);
        try
        {
            Assert.Contains($"export FIRESTORE_EMULATOR_HOST=127.0.0.1:{ports[0]}", string.Join('\n', process.StandardOutput), StringComparison.Ordinal);

            using var client = new HttpClient();
            var image = new ByteArrayContent(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Samples", "blue-white-portrait.png")));
            image.Headers.ContentType = new("image/png");
            var upload = await client.PostAsync(new Uri($"http://127.0.0.1:{ports[2]}/upload/storage/v1/b/local-bucket/o?uploadType=media&name=served.png"), image);
            Assert.True(upload.IsSuccessStatusCode, $"upload answered {(int)upload.StatusCode}");
            await process.WaitForOutputAsync(l => l.Contains("served.png: HTTP 200", StringComparison.Ordinal), Deadline, "the finalize event for served.png to be answered");

            // The banner's own command for reading a description, so it is checked to point where the function writes.
            var readCommand = Assert.Single(process.StandardOutput, l => l.Contains("curl -H 'Authorization: Bearer owner'", StringComparison.Ordinal));
            var photoUrl = readCommand[(readCommand.IndexOf("'http", StringComparison.Ordinal) + 1)..].TrimEnd('\'');
            using var read = new HttpRequestMessage(HttpMethod.Get, photoUrl.Replace("/photo.jpg", "/served.png", StringComparison.Ordinal));
            read.Headers.Authorization = new("Bearer", "owner");
            var document = await client.SendAsync(read);
            Assert.Equal(HttpStatusCode.OK, document.StatusCode);
            Assert.Contains("\"done\"", await document.Content.ReadAsStringAsync(), StringComparison.Ordinal);

            // The gallery the banner names shows the same object and its document.
            Assert.Contains($"  http://127.0.0.1:{ports[5]}/", process.StandardOutput);
            var items = await client.GetStringAsync(new Uri($"http://127.0.0.1:{ports[5]}/api/items"));
            Assert.Contains("\"name\":\"served.png\",\"generation\"", items, StringComparison.Ordinal);
            Assert.Contains("\"status\":\"done\"", items, StringComparison.Ordinal);
            Assert.StartsWith("<!doctype html>", await client.GetStringAsync(new Uri($"http://127.0.0.1:{ports[5]}/")), StringComparison.Ordinal);

            // A page left open holds an event stream; it must not hold up Ctrl+C.
            using var events = await client.GetStreamAsync(new Uri($"http://127.0.0.1:{ports[5]}/api/events"));
            process.Signal("INT");

            Assert.Equal(0, await process.WaitForExitAsync(TimeSpan.FromSeconds(15)));
            Assert.Contains("Stopped.", process.StandardOutput);
            Assert.Contains(process.StandardOutput, l => l.StartsWith("  1 images of no budget,", StringComparison.Ordinal));
            await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(new Uri($"http://127.0.0.1:{ports[1]}/")));
            await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(new Uri($"http://127.0.0.1:{ports[5]}/")));
        }
        finally
        {
            process.Dispose();
            Directory.Delete(workDir, recursive: true);
        }
    }

    [Fact]
    public async Task Serve_WithNoGallery_StartsNoGallery()
    {
        var workDir = Directory.CreateTempSubdirectory("serve-").FullName;
        var (process, _) = await StartServeAsync(5, ports =>
            ["serve", "--no-function", "--no-gallery", "--firestore-port", P(ports[0]), "--describer-port", P(ports[1]), "--storage-port", P(ports[2]), "--metadata-port", P(ports[3]), "--function-port", P(ports[4])],
            workDir);
        try
        {
            Assert.Contains("  (off: --no-gallery)", process.StandardOutput);
            process.Signal("INT");
            Assert.Equal(0, await process.WaitForExitAsync(Deadline));
        }
        finally
        {
            process.Dispose();
            Directory.Delete(workDir, recursive: true);
        }
    }

    /// <summary>
    /// Starts serve on free ports and waits for its banner. A port found free can be taken by another process of a busy
    /// machine before serve binds it; serve then says so in one sentence, and the ports are chosen again (three tries).
    /// </summary>
    private static async Task<(FunctionProcess Process, int[] Ports)> StartServeAsync(int portCount, Func<int[], string[]> arguments, string workDir)
    {
        for (var attempt = 1; ; attempt++)
        {
            var ports = Enumerable.Range(0, portCount).Select(_ => FreePort.Find()).ToArray();
            var process = TestProcesses.StartLocalCli(arguments(ports), workingDirectory: workDir);
            try
            {
                await process.WaitForOutputAsync(l => l.Contains("Press Ctrl+C to stop.", StringComparison.Ordinal), Deadline, "the serve command's banner");
                return (process, ports);
            }
            catch (InvalidOperationException e) when (attempt < 3 && e.Message.Contains("is already in use", StringComparison.Ordinal))
            {
                process.Dispose();
            }
            catch
            {
                process.Dispose();
                throw;
            }
        }
    }

    private static string P(int port) => port.ToString(CultureInfo.InvariantCulture);
}
