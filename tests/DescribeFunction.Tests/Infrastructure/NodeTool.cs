using System.Diagnostics;
using System.Text;

namespace DescribeFunction.Tests.Infrastructure;

/// <summary>
/// <c>node</c> and <c>npm</c> as the Node.js tests (<c>tests/rules</c>, <c>tests/lookups</c>) use them: found on
/// <c>PATH</c>, run to completion within a deadline (then killed with their children), stdout and stderr kept together
/// for the test's output and its failure message.
/// </summary>
public static class NodeTool
{
    /// <summary>
    /// <c>npm ci</c> in <paramref name="folder"/> when its <c>node_modules</c> is missing or older than the lock file,
    /// as npm itself judges its hidden lock file; otherwise nothing, so a second run costs no time and never rewrites
    /// the lock file.
    /// </summary>
    public static async Task<NodeRun> InstallAsync(string folder)
    {
        var lockFile = new FileInfo(Path.Combine(folder, "package-lock.json"));
        var installed = new FileInfo(Path.Combine(folder, "node_modules", ".package-lock.json"));
        if (installed.Exists && installed.LastWriteTimeUtc >= lockFile.LastWriteTimeUtc)
        {
            return new NodeRun(0, "node_modules is up to date.");
        }

        return await RunAsync("npm", ["ci", "--prefer-offline", "--ignore-scripts", "--no-audit", "--no-fund"], folder,
            new Dictionary<string, string>(), TimeSpan.FromMinutes(10));
    }

    /// <summary>
    /// Runs <c>node --test FILE</c> and fails the test unless it passed at least one case and failed none (node
    /// exits 0 when it finds no test at all, so the counts are read too).
    /// </summary>
    public static async Task<NodeRun> TestAsync(string folder, string file, IReadOnlyDictionary<string, string> environment, TimeSpan deadline)
    {
        var run = await RunAsync("node", ["--test", "--test-reporter=spec", file], folder, environment, deadline);
        Assert.True(run.ExitCode == 0, $"node --test {file} exited {run.ExitCode}:{Environment.NewLine}{run.Output}");
        Assert.Matches(@"(?m)pass [1-9]\d*$", run.Output);
        Assert.Matches(@"(?m)fail 0$", run.Output);
        return run;
    }

    /// <summary>The full path of an executable on <c>PATH</c>, or null.</summary>
    public static string? Find(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);

    public static async Task<NodeRun> RunAsync(string tool, IReadOnlyList<string> arguments, string workingDirectory, IReadOnlyDictionary<string, string> environment, TimeSpan deadline)
    {
        var info = new ProcessStartInfo(Find(tool) ?? throw new InvalidOperationException($"{tool} is not on PATH."))
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        var output = new StringBuilder();
        void Keep(object sender, DataReceivedEventArgs e)
        {
            if (e.Data is not null)
            {
                lock (output)
                {
                    output.AppendLine(e.Data);
                }
            }
        }

        using var process = new Process { StartInfo = info };
        process.OutputDataReceived += Keep;
        process.ErrorDataReceived += Keep;
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(deadline);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            lock (output)
            {
                throw new TimeoutException($"{tool} {string.Join(' ', arguments)} did not finish within {deadline.TotalSeconds:0} s:{Environment.NewLine}{output}");
            }
        }

        // The exit is seen before the last lines are read; this wait returns once both streams are drained.
        process.WaitForExit();
        lock (output)
        {
            return new NodeRun(process.ExitCode, output.ToString());
        }
    }
}

/// <summary>How a <c>node</c> or <c>npm</c> run ended and everything it printed.</summary>
public sealed record NodeRun(int ExitCode, string Output);

/// <summary>A fact that needs Node.js and npm: skipped, saying so, only when they are not installed.</summary>
public sealed class NodeFactAttribute : FactAttribute
{
    public NodeFactAttribute()
    {
        if (NodeTool.Find("node") is null || NodeTool.Find("npm") is null)
        {
            Skip = "Node.js 20 or later with npm is not installed, so the Node.js tests (tests/rules, tests/lookups) cannot run.";
        }
    }
}
