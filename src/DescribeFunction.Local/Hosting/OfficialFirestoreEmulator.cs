using System.ComponentModel;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace DescribeFunction.Local.Hosting;

/// <summary>
/// Google's Cloud Firestore emulator (Cloud SDK component <c>cloud-firestore-emulator</c>), started through
/// <c>gcloud emulators firestore start</c> on a loopback port and ready once it logs "Dev App Server is now running".
/// Disposing stops it and the Java process it spawned.
/// </summary>
public sealed class OfficialFirestoreEmulator : IAsyncDisposable
{
    private const string ReadyLine = "Dev App Server is now running";
    private readonly Process _process;

    private OfficialFirestoreEmulator(Process process, int port)
    {
        _process = process;
        HostPort = $"127.0.0.1:{port}";
        BaseAddress = new Uri($"http://{HostPort}/");
    }

    /// <summary>The value for <c>FIRESTORE_EMULATOR_HOST</c>.</summary>
    public string HostPort { get; }

    public Uri BaseAddress { get; }

    /// <summary>Starts the emulator, or throws <see cref="EmulatorUnavailableException"/> saying why it could not.</summary>
    /// <param name="rulesFile">
    /// Security rules every project gets (<c>--rules</c>): they govern requests that do not carry the emulator's
    /// <c>Bearer owner</c> token, as production rules govern Firebase SDK clients but not IAM callers.
    /// </param>
    public static async Task<OfficialFirestoreEmulator> StartAsync(int port = 0, TimeSpan? timeout = null, string? rulesFile = null, CancellationToken cancellationToken = default)
    {
        PortInUseException.ThrowIfTaken("Google's Firestore emulator", port);
        port = port > 0 ? port : FreeLoopbackPort();
        var info = new ProcessStartInfo("gcloud")
        {
            ArgumentList = { "emulators", "firestore", "start", $"--host-port=127.0.0.1:{port}", "--quiet" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (rulesFile is not null)
        {
            info.ArgumentList.Add($"--rules={Path.GetFullPath(rulesFile)}");
        }

        info.Environment["CLOUDSDK_CORE_DISABLE_PROMPTS"] = "1";
        Process process;
        try
        {
            process = Process.Start(info) ?? throw new EmulatorUnavailableException("gcloud could not be started.");
        }
        catch (Win32Exception error)
        {
            throw new EmulatorUnavailableException($"gcloud is not installed or not on PATH ({error.Message}); install the Cloud SDK and its cloud-firestore-emulator component.");
        }

        var log = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnLine(object sender, DataReceivedEventArgs e)
        {
            if (e.Data is null)
            {
                return;
            }

            log.Enqueue(e.Data);
            if (e.Data.Contains(ReadyLine, StringComparison.Ordinal))
            {
                ready.TrySetResult();
            }
        }

        process.OutputDataReceived += OnLine;
        process.ErrorDataReceived += OnLine;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var emulator = new OfficialFirestoreEmulator(process, port);
        var limit = timeout ?? TimeSpan.FromSeconds(60);
        var exited = process.WaitForExitAsync(cancellationToken);
        var finished = await Task.WhenAny(ready.Task, exited, Task.Delay(limit, cancellationToken));
        if (finished == ready.Task)
        {
            return emulator;
        }

        await emulator.DisposeAsync();
        var tail = string.Join(Environment.NewLine, log.TakeLast(8));
        throw new EmulatorUnavailableException(finished == exited
            ? $"gcloud emulators firestore start exited before the emulator was ready (is the cloud-firestore-emulator component installed, and Java?):{Environment.NewLine}{tail}"
            : $"The Firestore emulator did not log \"{ReadyLine}\" within {limit.TotalSeconds:0} s:{Environment.NewLine}{tail}");
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            }
        }
        catch (Exception error) when (error is InvalidOperationException or TimeoutException or Win32Exception)
        {
        }

        _process.Dispose();
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>The official Firestore emulator could not be started; the message says why, in one sentence and its log.</summary>
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
