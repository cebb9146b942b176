using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using DescribeFunction.Benchmarks.Measuring;

namespace DescribeFunction.Benchmarks.Running;

/// <summary>
/// The function host as a separate OS process (so that /proc numbers are its own), started from its build folder
/// where function.yaml sits, with settings in environment variables as on Cloud Run. Its output is drained and
/// the last lines kept for error messages.
/// </summary>
internal sealed class FunctionProcess : IAsyncDisposable
{
    private const int KeptLines = 40;
    private readonly Process _process;
    private const int KeptProblems = 2000;
    private readonly Queue<string> _lastLines = new();
    private readonly Queue<string> _problems = new();

    private FunctionProcess(Process process, int port, long startedAt)
    {
        _process = process;
        Port = port;
        StartedAt = startedAt;
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
    }

    public int Pid => _process.Id;

    public int Port { get; }

    public Uri BaseAddress { get; }

    /// <summary><see cref="Stopwatch.GetTimestamp"/> just before the process was started.</summary>
    public long StartedAt { get; }

    public ProcSample Sample() => ProcStats.Read(Pid);

    public static FunctionProcess Start(FunctionBuild build, IReadOnlyDictionary<string, string> settings)
    {
        ArgumentNullException.ThrowIfNull(build);
        var port = FreePort();
        var info = new ProcessStartInfo(build.RunsWithDotnet ? "dotnet" : build.Path)
        {
            WorkingDirectory = build.Directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (build.RunsWithDotnet)
        {
            info.ArgumentList.Add(build.Path);
        }

        foreach (var (key, value) in settings)
        {
            info.Environment[key] = value;
        }

        info.Environment["PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        info.Environment.Remove("ASPNETCORE_URLS");
        info.Environment.Remove("K_SERVICE");
        var startedAt = Stopwatch.GetTimestamp();
        var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {build}.");
        var function = new FunctionProcess(process, port, startedAt);
        process.OutputDataReceived += (_, e) => function.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => function.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return function;
    }

    /// <summary>Waits until the port accepts connections (1 ms polling, so the wait adds at most that to a cold start).</summary>
    public async Task WaitUntilListeningAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The function exited with code {_process.ExitCode} before listening:\n{OutputTail()}");
            }

            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                await socket.ConnectAsync(IPAddress.Loopback, Port, cancellationToken);
                return;
            }
            catch (SocketException) when (Stopwatch.GetTimestamp() < deadline)
            {
                await Task.Delay(1, cancellationToken);
            }
        }
    }

    public string OutputTail()
    {
        lock (_lastLines)
        {
            return string.Join('\n', _lastLines);
        }
    }

    /// <summary>The warning and error lines the function logged (the most recent ones).</summary>
    public IReadOnlyList<string> Problems()
    {
        lock (_lastLines)
        {
            return [.. _problems];
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_lastLines)
        {
            _lastLines.Enqueue(line);
            if (line.Contains(" warn: ", StringComparison.Ordinal) || line.Contains(" fail: ", StringComparison.Ordinal))
            {
                _problems.Enqueue(line);
                if (_problems.Count > KeptProblems)
                {
                    _problems.Dequeue();
                }
            }
            if (_lastLines.Count > KeptLines)
            {
                _lastLines.Dequeue();
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
