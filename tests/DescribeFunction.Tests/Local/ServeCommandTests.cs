using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;

using DescribeFunction.Tests.Infrastructure;

namespace DescribeFunction.Tests.Local;

public sealed class ServeCommandTests
{
    [Fact]
    public async Task Serve_StartsEverythingDeliversUploadsAndStopsCleanlyOnCtrlC()
    {
        var ports = Enumerable.Range(0, 5).Select(_ => TestPorts.Free()).ToArray();
        var workDir = Directory.CreateTempSubdirectory("serve-").FullName;
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workDir };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "DescribeFunction.Local.dll"));
        foreach (var arg in new[] { "serve", "--firestore-port", P(ports[0]), "--describer-port", P(ports[1]), "--storage-port", P(ports[2]), "--metadata-port", P(ports[3]), "--function-port", P(ports[4]) })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = new StringBuilder();
        var stopped = new TaskCompletionSource();
        process.OutputDataReceived += (_, e) =>
        {
            lock (output)
            {
                output.AppendLine(e.Data);
            }

            if (e.Data == "Stopped.")
            {
                stopped.TrySetResult();
            }
        };
        process.BeginOutputReadLine();
        try
        {
            await WaitForAsync(() => Text(output).Contains("Press Ctrl+C to stop.", StringComparison.Ordinal));
            Assert.Contains($"export FIRESTORE_EMULATOR_HOST=127.0.0.1:{ports[0]}", Text(output), StringComparison.Ordinal);

            using var client = new HttpClient();
            var image = new ByteArrayContent(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Samples", "blue-white-portrait.png")));
            image.Headers.ContentType = new("image/png");
            var upload = await client.PostAsync(new Uri($"http://127.0.0.1:{ports[2]}/upload/storage/v1/b/local-bucket/o?uploadType=media&name=served.png"), image);
            Assert.True(upload.IsSuccessStatusCode, $"upload answered {(int)upload.StatusCode}");
            await WaitForAsync(() => Text(output).Contains("served.png: HTTP 200", StringComparison.Ordinal));

            using var read = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{ports[0]}/v1/projects/local-project/databases/(default)/documents/imageDescriptions/served.png");
            read.Headers.Authorization = new("Bearer", "owner");
            var document = await client.SendAsync(read);
            Assert.Equal(HttpStatusCode.OK, document.StatusCode);
            Assert.Contains("\"done\"", await document.Content.ReadAsStringAsync(), StringComparison.Ordinal);

            using (var interrupt = Process.Start("kill", ["-INT", process.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await interrupt.WaitForExitAsync();
            }

            await process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);
            await stopped.Task.WaitAsync(TimeSpan.FromSeconds(5));
            Assert.Equal(0, process.ExitCode);
            await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(new Uri($"http://127.0.0.1:{ports[1]}/")));
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            Directory.Delete(workDir, recursive: true);
        }
    }

    private static string P(int port) => port.ToString(CultureInfo.InvariantCulture);

    private static string Text(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting for the serve command");
            await Task.Delay(50);
        }
    }
}
