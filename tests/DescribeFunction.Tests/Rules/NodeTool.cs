using System.Diagnostics;
using System.Text;

namespace DescribeFunction.Tests.Rules;

/// <summary>
/// <c>node</c> and <c>npm</c> as the rules tests use them: found on <c>PATH</c>, run to completion within a deadline
/// (then killed with their children), stdout and stderr kept together for the test's output and its failure message.
/// </summary>
public static class NodeTool
{
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
            Skip = "Node.js 20 or later with npm is not installed, so the Firestore rules tests (tests/rules) cannot run.";
        }
    }
}
