using System.Diagnostics;
using DescribeFunction.Local.Emulators;
using DescribeFunction.Testing;

namespace DescribeFunction.Tests.Local.Emulators;

/// <summary>
/// Google's emulators run under a shell watchdog that stops gcloud and the JVM below it, so none outlives the test run
/// that started it: on SIGTERM (what disposal sends), and when its owner is gone.
/// </summary>
public sealed class EmulatorWatchdogTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Watchdog_OnSigterm_StopsGcloudAndTheEmulatorBelowIt()
    {
        var port = GcloudEmulatorProcess.FreeLoopbackPort();
        await using var emulator = await StartPubSubAsync(port);
        Assert.NotEmpty(ProcessesServing(port));

        using (var kill = Process.Start("/bin/sh", ["-c", "kill -TERM \"$1\"", "signal", emulator.WatchdogId.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        await Waiting.WaitUntilAsync(() => ProcessesServing(port).Count == 0, Deadline,
            $"every process of the Pub/Sub emulator on port {port} to end after its watchdog's SIGTERM");
    }

    [Fact]
    public async Task DisposeAsync_LeavesNoProcessOfTheEmulatorBehind()
    {
        var port = GcloudEmulatorProcess.FreeLoopbackPort();
        var emulator = await StartPubSubAsync(port);

        await emulator.DisposeAsync();

        await Waiting.WaitUntilAsync(() => ProcessesServing(port).Count == 0, Deadline,
            $"every process of the Pub/Sub emulator on port {port} to end after disposal");
    }

    private static Task<GcloudEmulatorProcess> StartPubSubAsync(int port) =>
        GcloudEmulatorProcess.StartAsync(
            ["beta", "emulators", "pubsub", "start", $"--host-port=127.0.0.1:{port}", "--quiet"],
            "Server started, listening on", "pubsub-emulator", TimeSpan.FromSeconds(90), CancellationToken.None);

    /// <summary>gcloud and the JVM both carry the port in their command lines.</summary>
    private static List<int> ProcessesServing(int port)
    {
        var found = new List<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid) || pid == Environment.ProcessId)
            {
                continue;
            }

            try
            {
                var commandLine = File.ReadAllText(Path.Combine(directory, "cmdline")).Replace('\0', ' ');
                if (commandLine.Contains($"127.0.0.1:{port}", StringComparison.Ordinal) && !commandLine.StartsWith("/bin/sh", StringComparison.Ordinal))
                {
                    found.Add(pid);
                }
            }
            catch (IOException)
            {
                // The process ended while being read.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        return found;
    }
}
