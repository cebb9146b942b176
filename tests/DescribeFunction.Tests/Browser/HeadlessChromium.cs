using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;

namespace DescribeFunction.Tests.Browser;

/// <summary>
/// Debian's <c>chromium</c>, headless, with a fresh profile, driven over the DevTools protocol. The flags keep it
/// from reaching the network on its own (no updates, sync or QUIC probes) and let it run as root in a container.
/// </summary>
public sealed class HeadlessChromium : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly string[] Candidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

    private readonly Process _process;
    private readonly string _profile;

    private HeadlessChromium(Process process, string profile, DevToolsConnection connection)
    {
        _process = process;
        _profile = profile;
        Connection = connection;
    }

    public DevToolsConnection Connection { get; }

    /// <summary>CHROMIUM_PATH, else the first browser installed where Debian puts it; null when there is none.</summary>
    public static string? FindExecutable() =>
        Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } path && File.Exists(path)
            ? path
            : Candidates.FirstOrDefault(File.Exists);

    /// <summary>
    /// Starts the browser. A start that never opens its DevTools port (seen once in many loaded runs) is given one
    /// more try with a fresh profile, so a rare stuck launch does not fail the test that needs a browser.
    /// </summary>
    public static async Task<HeadlessChromium> LaunchAsync()
    {
        try
        {
            return await LaunchOnceAsync();
        }
        catch (TimeoutException)
        {
            return await LaunchOnceAsync();
        }
    }

    private static async Task<HeadlessChromium> LaunchOnceAsync()
    {
        var executable = FindExecutable() ?? throw new InvalidOperationException("Chromium is not installed: apt-get install -y chromium.");
        var profile = Directory.CreateTempSubdirectory("chromium-profile-").FullName;
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var flag in new[]
        {
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-dev-shm-usage", "--remote-debugging-port=0", $"--user-data-dir={profile}", "about:blank",
        })
        {
            start.ArgumentList.Add(flag);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {executable}.");
        // Drained so that the browser never blocks on a full pipe; its chatter (dbus, GPU) is of no interest.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            var endpoint = await ReadEndpointAsync(process, profile);
            using var connect = new CancellationTokenSource(StartTimeout);
            var connection = await DevToolsConnection.ConnectAsync(endpoint, connect.Token);
            return new HeadlessChromium(process, profile, connection);
        }
        catch
        {
            process.Kill(entireProcessTree: true);
            process.Dispose();
            throw;
        }
    }

    /// <summary>A new tab, attached in flat mode so that its commands travel on the browser's connection.</summary>
    public async Task<BrowserPage> NewPageAsync(int width, int height)
    {
        var target = await Connection.SendAsync("Target.createTarget", new JsonObject { ["url"] = "about:blank" }, null, BrowserPage.CommandTimeout);
        var attached = await Connection.SendAsync(
            "Target.attachToTarget", new JsonObject { ["targetId"] = target.GetProperty("targetId").GetString(), ["flatten"] = true }, null, BrowserPage.CommandTimeout);
        var page = new BrowserPage(Connection, attached.GetProperty("sessionId").GetString()!);
        await page.SetViewportAsync(width, height);
        return page;
    }

    // Chromium writes the port it chose, then the browser's WebSocket path, into DevToolsActivePort in its profile.
    private static async Task<Uri> ReadEndpointAsync(Process process, string profile)
    {
        var file = Path.Combine(profile, "DevToolsActivePort");
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            if (File.Exists(file) && (await File.ReadAllLinesAsync(file)) is [var port, var path, ..] && path.Length > 0)
            {
                return new Uri($"ws://127.0.0.1:{int.Parse(port, CultureInfo.InvariantCulture)}{path}");
            }

            if (process.HasExited)
            {
                throw new InvalidOperationException($"Chromium exited with code {process.ExitCode} before opening its DevTools port.");
            }

            if (Stopwatch.GetElapsedTime(started) > StartTimeout)
            {
                throw new TimeoutException($"Timed out after {StartTimeout.TotalSeconds} s waiting for Chromium to write {file}.");
            }

            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Connection.SendAsync("Browser.close", null, null, TimeSpan.FromSeconds(10));
        }
        catch (Exception e) when (e is TimeoutException or InvalidOperationException or System.Net.WebSockets.WebSocketException or OperationCanceledException)
        {
        }

        await Connection.DisposeAsync();
        using (var exited = new CancellationTokenSource(TimeSpan.FromSeconds(20)))
        {
            try
            {
                await _process.WaitForExitAsync(exited.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_profile, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
