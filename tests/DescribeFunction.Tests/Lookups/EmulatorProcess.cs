using System.Diagnostics;

namespace DescribeFunction.Tests.Lookups;

/// <summary>
/// Google's Firestore emulator, started with <c>gcloud emulators firestore start --host-port=127.0.0.1:PORT</c> and
/// ready once it logs "Dev App Server is now running". Disposing stops it and the Java process under it.
/// </summary>
internal sealed class EmulatorProcess : IAsyncDisposable
{
    private const string ReadyLine = "Dev App Server is now running";
    private readonly Process _process;

    private EmulatorProcess(Process process, string hostPort)
    {
        _process = process;
        HostPort = hostPort;
    }

    public string HostPort { get; }

    public static async Task<EmulatorProcess> StartAsync(TimeSpan timeout)
    {
        var hostPort = $"127.0.0.1:{DescribeFunction.Testing.FreePort.Find()}";
        var info = new ProcessStartInfo("gcloud") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "emulators", "firestore", "start", $"--host-port={hostPort}", "--quiet" })
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["CLOUDSDK_CORE_DISABLE_PROMPTS"] = "1";
        var process = Process.Start(info) ?? throw new InvalidOperationException("gcloud could not be started.");
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var log = new System.Collections.Concurrent.ConcurrentQueue<string>();
        DataReceivedEventHandler onLine = (_, e) =>
        {
            if (e.Data is { } line)
            {
                log.Enqueue(line);
                if (line.Contains(ReadyLine, StringComparison.Ordinal))
                {
                    ready.TrySetResult();
                }
            }
        };
        process.OutputDataReceived += onLine;
        process.ErrorDataReceived += onLine;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var emulator = new EmulatorProcess(process, hostPort);
        if (await Task.WhenAny(ready.Task, process.WaitForExitAsync(), Task.Delay(timeout)) != ready.Task)
        {
            await emulator.DisposeAsync();
            throw new TimeoutException($"The Firestore emulator did not log \"{ReadyLine}\" within {timeout.TotalSeconds:0} s:{Environment.NewLine}{string.Join(Environment.NewLine, log.TakeLast(10))}");
        }

        return emulator;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(15));
        }

        _process.Dispose();
    }
}
