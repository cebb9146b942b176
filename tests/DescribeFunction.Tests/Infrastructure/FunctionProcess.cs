using System.Collections.Concurrent;
using System.Diagnostics;

namespace DescribeFunction.Tests.Infrastructure;

/// <summary>
/// The function as Cloud Run runs it: <c>dotnet DescribeFunction.dll</c> in its own process, so tests can send it
/// real signals and read its real stdout and stderr.
/// </summary>
public sealed class FunctionProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _stdout = new();
    private readonly ConcurrentQueue<string> _stderr = new();

    private FunctionProcess(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { _stdout.Enqueue(e.Data); } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { _stderr.Enqueue(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public IReadOnlyCollection<string> StandardOutput => _stdout;

    public IReadOnlyCollection<string> StandardError => _stderr;

    /// <summary>Starts the function against running stand-ins on a free port; <paramref name="client"/> talks to it.</summary>
    public static FunctionProcess StartAgainst(DescribeFunction.Local.Hosting.LocalEnvironment standIns, IDictionary<string, string> extraSettings, out HttpClient client)
    {
        var port = TestPorts.Free();
        var settings = standIns.FunctionSettings.ToDictionary(kv => kv.Key, kv => kv.Value);
        settings["PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var (key, value) in extraSettings)
        {
            settings[key] = value;
        }

        client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(60) };
        return Start(settings);
    }

    public Task WaitUntilListeningAsync() =>
        WaitForOutputAsync(l => l.Contains("listening", StringComparison.OrdinalIgnoreCase), TimeSpan.FromSeconds(30));

    public static FunctionProcess Start(IDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "DescribeFunction.dll"));
        foreach (var name in new[] { "K_SERVICE", "FUNCTION_TARGET", "DOTNET_RUNNING_IN_CONTAINER", "ASPNETCORE_URLS" })
        {
            start.Environment.Remove(name);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        return new FunctionProcess(Process.Start(start)!);
    }

    public async Task<string> WaitForOutputAsync(Func<string, bool> match, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_stdout.FirstOrDefault(match) is { } line)
            {
                return line;
            }

            if (_process.HasExited)
            {
                break;
            }

            await Task.Delay(25);
        }

        throw new TimeoutException($"No matching output line. stdout: {string.Join('\n', _stdout)} stderr: {string.Join('\n', _stderr)}");
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
        return _process.ExitCode;
    }

    public void Signal(string signal)
    {
        using var kill = Process.Start("kill", ["-" + signal, _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }
}
