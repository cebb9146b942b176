using System.Collections.Concurrent;
using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace DescribeFunction.Local.Emulators;

/// <summary>
/// One of Google's emulators started through <c>gcloud</c> on a loopback port, ready once it logs a known line.
/// Disposing stops it and the Java process it spawned.
/// </summary>
internal sealed class GcloudEmulatorProcess : IAsyncDisposable
{
    private readonly Process _process;

    private GcloudEmulatorProcess(Process process) => _process = process;

    /// <summary>The watchdog shell's process id (gcloud and the emulator run below it).</summary>
    internal int WatchdogId => _process.Id;

    /// <param name="arguments">The gcloud arguments, such as <c>emulators firestore start --host-port=…</c>.</param>
    /// <param name="readyLine">Text of the log line that says the emulator answers.</param>
    /// <param name="component">The Cloud SDK component, for the message when it cannot start.</param>
    public static async Task<GcloudEmulatorProcess> StartAsync(IReadOnlyList<string> arguments, string readyLine, string component, TimeSpan timeout, CancellationToken cancellationToken)
    {
        // Through a small shell watchdog: gcloud starts the emulator's JVM as its own child, and a process that is
        // killed (a test host the runner tears down) never gets to stop it; the watchdog does, once this process is gone.
        var info = new ProcessStartInfo("/bin/sh") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in (string[])["-c", Watchdog, "gcloud-emulator", Environment.ProcessId.ToString(CultureInfo.InvariantCulture), .. arguments])
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["CLOUDSDK_CORE_DISABLE_PROMPTS"] = "1";
        Process process;
        try
        {
            process = Process.Start(info) ?? throw new EmulatorUnavailableException("gcloud could not be started.");
        }
        catch (Win32Exception error)
        {
            throw new EmulatorUnavailableException($"/bin/sh could not be started to run gcloud ({error.Message}); install the Cloud SDK and its {component} component.");
        }

        var log = new ConcurrentQueue<string>();
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnLine(object sender, DataReceivedEventArgs e)
        {
            if (e.Data is null)
            {
                return;
            }

            log.Enqueue(e.Data);
            if (e.Data.Contains(readyLine, StringComparison.Ordinal))
            {
                ready.TrySetResult();
            }
        }

        process.OutputDataReceived += OnLine;
        process.ErrorDataReceived += OnLine;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var emulator = new GcloudEmulatorProcess(process);
        var exited = process.WaitForExitAsync(cancellationToken);
        var finished = await Task.WhenAny(ready.Task, exited, Task.Delay(timeout, cancellationToken));
        if (finished == ready.Task)
        {
            return emulator;
        }

        await emulator.DisposeAsync();
        var tail = string.Join(Environment.NewLine, log.TakeLast(8));
        throw new EmulatorUnavailableException(finished == exited
            ? $"gcloud {string.Join(' ', arguments.Take(3))} exited before the emulator was ready (is the {component} component installed, and Java?):{Environment.NewLine}{tail}"
            : $"The emulator did not log \"{readyLine}\" within {timeout.TotalSeconds:0} s:{Environment.NewLine}{tail}");
    }

    /// <summary>
    /// Runs gcloud with the arguments after the owner's process id; when the owner exits, or on SIGTERM, stops gcloud
    /// and everything below it (the Firestore emulator's JVM is a grandchild, under a launcher script), children first.
    /// </summary>
    private const string Watchdog = """
        owner=$1; shift
        stop() { for c in $(pgrep -P "$1"); do stop "$c"; done; kill -9 "$1" 2>/dev/null; }
        gcloud "$@" &
        child=$!
        trap 'stop "$child"; exit 0' TERM
        while kill -0 "$owner" 2>/dev/null && kill -0 "$child" 2>/dev/null; do sleep 1 & wait $!; done
        stop "$child"
        """;

    public static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                // The watchdog stops the tree itself on SIGTERM. Kill(entireProcessTree) would first SIGSTOP it and
                // then walk the tree; a test host that exits in between leaves the watchdog stopped and the emulator
                // running for good.
                await SignalAsync(_process.Id, "TERM");
                if (!await ExitsWithinAsync(TimeSpan.FromSeconds(10)))
                {
                    _process.Kill(entireProcessTree: true);
                    await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
                }
            }
        }
        catch (Exception error) when (error is InvalidOperationException or TimeoutException or Win32Exception)
        {
        }

        _process.Dispose();
    }

    private async Task<bool> ExitsWithinAsync(TimeSpan timeout)
    {
        try
        {
            await _process.WaitForExitAsync().WaitAsync(timeout);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    private static async Task SignalAsync(int processId, string signal)
    {
        // The shell's own kill, since /bin/sh is already what runs the watchdog.
        using var kill = Process.Start(new ProcessStartInfo("/bin/sh")
        {
            ArgumentList = { "-c", "kill -" + signal + " \"$1\"", "signal", processId.ToString(CultureInfo.InvariantCulture) },
            UseShellExecute = false,
        });
        if (kill is not null)
        {
            await kill.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }
    }
}

/// <summary>One of Google's emulators could not be started; the message says why, in one sentence and its log.</summary>
public sealed class EmulatorUnavailableException : Exception
{
    public EmulatorUnavailableException()
    {
    }

    public EmulatorUnavailableException(string message)
        : base(message)
    {
    }

    public EmulatorUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
