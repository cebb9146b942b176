using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace DescribeFunction.Testing;

/// <summary>
/// The function host in its own OS process, as Cloud Run runs it: a <c>.dll</c> runs as <c>dotnet PATH</c>
/// (framework-dependent, as the buildpack starts it), anything else is an executable run directly (a Native AOT or
/// self-contained build), with settings in environment variables. Callers can send it real signals, read its own
/// /proc numbers and its real stdout and stderr, which are drained from the start so that it never blocks on a full
/// pipe; the lines are kept for assertions and error messages.
/// </summary>
public sealed class FunctionProcess : IDisposable, IAsyncDisposable
{
    /// <summary>Every line of a test's process; the most recent ones of a long benchmark run.</summary>
    private const int KeptLinesPerStream = 100_000;
    private const int TailLines = 40;
    private static readonly TimeSpan ExitAfterKill = TimeSpan.FromSeconds(30);

    // Inherited from a shell, a container or CI, these would make the host behave as on Cloud Run or listen
    // elsewhere; a caller that wants one sets it explicitly.
    private static readonly string[] ClearedVariables = ["K_SERVICE", "FUNCTION_TARGET", "DOTNET_RUNNING_IN_CONTAINER", "ASPNETCORE_URLS"];

    private readonly Process _process;
    private readonly Lock _lock = new();
    private readonly Queue<string> _stdout = new();
    private readonly Queue<string> _stderr = new();
    private readonly Queue<string> _tail = new();
    private bool _disposed;

    private FunctionProcess(Process process, string program, int? port, long startedAt)
    {
        _process = process;
        Program = program;
        Port = port;
        StartedAt = startedAt;
    }

    /// <summary>The function build beside the running program (the tests' and benchmarks' own output folder).</summary>
    public static string BuiltFunction => Path.Combine(AppContext.BaseDirectory, "DescribeFunction.dll");

    public string Program { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>The <c>PORT</c> it was given, when it was given one other than 0.</summary>
    public int? Port { get; }

    public Uri BaseAddress => Port is { } port
        ? new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/")
        : throw new InvalidOperationException($"{Program} was started without a PORT to reach it on.");

    /// <summary><see cref="Stopwatch.GetTimestamp"/> just before the process was started.</summary>
    public long StartedAt { get; }

    public IReadOnlyList<string> StandardOutput => Snapshot(_stdout);

    public IReadOnlyList<string> StandardError => Snapshot(_stderr);

    private const string Env = "/usr/bin/env";

    /// <summary>A <c>.dll</c> runs as <c>dotnet PATH</c>; anything else is an executable.</summary>
    public static bool RunsWithDotnet(string program) => program.EndsWith(".dll", StringComparison.OrdinalIgnoreCase);

    /// <summary>Starts <see cref="BuiltFunction"/> with these environment variables on top of this process's own.</summary>
    public static FunctionProcess Start(IReadOnlyDictionary<string, string> environment) => Start(BuiltFunction, [], environment);

    /// <param name="program">A <c>.dll</c> to run with <c>dotnet</c>, or an executable.</param>
    /// <param name="arguments">Command-line arguments after the program.</param>
    /// <param name="environment">Variables set on top of this process's own (see <see cref="ClearedVariables"/>).</param>
    /// <param name="workingDirectory">Defaults to the program's folder, where its <c>function.yaml</c> sits.</param>
    public static FunctionProcess Start(string program, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment, string? workingDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(environment);
        program = Path.GetFullPath(program);
        var runsWithDotnet = RunsWithDotnet(program);
        // A test run started in the background (nohup, `cmd &` without job control) inherits SIGINT and SIGQUIT
        // as ignored, the runtime keeps them ignored, and a child would never see the Ctrl+C a test sends. env
        // resets them and then execs the program, so the process id stays the program's.
        var start = new ProcessStartInfo(File.Exists(Env) ? Env : runsWithDotnet ? "dotnet" : program)
        {
            WorkingDirectory = workingDirectory ?? Path.GetDirectoryName(program)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (File.Exists(Env))
        {
            start.ArgumentList.Add("--default-signal=INT,QUIT,TERM");
            start.ArgumentList.Add(runsWithDotnet ? "dotnet" : program);
        }

        if (runsWithDotnet)
        {
            start.ArgumentList.Add(program);
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var name in ClearedVariables)
        {
            start.Environment.Remove(name);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        int? port = environment.TryGetValue("PORT", out var text) && int.TryParse(text, CultureInfo.InvariantCulture, out var p) && p > 0 ? p : null;
        var startedAt = Stopwatch.GetTimestamp();
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {program}.");
        var function = new FunctionProcess(process, program, port, startedAt);
        process.OutputDataReceived += (_, e) => function.Keep(function._stdout, e.Data);
        process.ErrorDataReceived += (_, e) => function.Keep(function._stderr, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return function;
    }

    /// <summary>
    /// Waits until <see cref="Port"/> accepts connections, polling every millisecond so that the wait adds at most
    /// that to a measured cold start.
    /// </summary>
    public async Task WaitUntilListeningAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var port = Port ?? throw new InvalidOperationException($"{Program} was started without a PORT to wait for.");
        var start = Stopwatch.GetTimestamp();
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{Program} exited with code {await ExitCodeAsync()} before listening on port {port}:\n{OutputTail()}");
            }

            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                await socket.ConnectAsync(IPAddress.Loopback, port, cancellationToken);
                return;
            }
            catch (SocketException e)
            {
                if (Stopwatch.GetElapsedTime(start) >= timeout)
                {
                    throw new TimeoutException($"Timed out after {timeout.TotalSeconds:0.###} s waiting for {Program} to listen on port {port}:\n{OutputTail()}", e);
                }

                await Task.Delay(1, cancellationToken);
            }
        }
    }

    /// <summary>The first standard output line that matches, waiting for it; fails naming <paramref name="what"/>.</summary>
    public async Task<string> WaitForOutputAsync(Func<string, bool> match, TimeSpan timeout, string what)
    {
        string? line = null;
        try
        {
            await Waiting.WaitUntilAsync(() => (line = StandardOutput.FirstOrDefault(match)) is not null || _process.HasExited, timeout, what);
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message} Output so far:\n{OutputTail()}", e);
        }

        if (line is null)
        {
            // Exited: its last lines may still have been on their way through the pipe.
            var exitCode = await ExitCodeAsync();
            line = StandardOutput.FirstOrDefault(match)
                ?? throw new InvalidOperationException($"{Program} exited with code {exitCode} without printing {what}:\n{OutputTail()}");
        }

        return line;
    }

    /// <summary>The exit code, once it has exited and its output has been read to the end.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException e)
        {
            throw new TimeoutException($"Timed out after {timeout.TotalSeconds:0.###} s waiting for {Program} to exit:\n{OutputTail()}", e);
        }

        return _process.ExitCode;
    }

    /// <summary>Sends a POSIX signal by name (<c>TERM</c>, <c>INT</c>, <c>KILL</c>), as the platform or a terminal would.</summary>
    public void Signal(string signal)
    {
        using var kill = Process.Start("kill", ["-" + signal, Id.ToString(CultureInfo.InvariantCulture)]);
        if (!kill.WaitForExit(TimeSpan.FromSeconds(10)))
        {
            throw new TimeoutException($"kill -{signal} {Id} did not finish within 10 s.");
        }
    }

    /// <summary>The last lines of standard output and standard error as they arrived, for error messages.</summary>
    public string OutputTail()
    {
        lock (_lock)
        {
            return string.Join('\n', _tail);
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(ExitAfterKill);
        }

        _process.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            using var deadline = new CancellationTokenSource(ExitAfterKill);
            await _process.WaitForExitAsync(deadline.Token);
        }

        _process.Dispose();
    }

    private async Task<int> ExitCodeAsync()
    {
        using var deadline = new CancellationTokenSource(ExitAfterKill);
        await _process.WaitForExitAsync(deadline.Token);
        return _process.ExitCode;
    }

    private List<string> Snapshot(Queue<string> lines)
    {
        lock (_lock)
        {
            return [.. lines];
        }
    }

    private void Keep(Queue<string> lines, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_lock)
        {
            lines.Enqueue(line);
            if (lines.Count > KeptLinesPerStream)
            {
                lines.Dequeue();
            }

            _tail.Enqueue(line);
            if (_tail.Count > TailLines)
            {
                _tail.Dequeue();
            }
        }
    }
}
