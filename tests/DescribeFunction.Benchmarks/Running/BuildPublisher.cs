using System.Diagnostics;

namespace DescribeFunction.Benchmarks.Running;

/// <summary>
/// Publishes the function the way deployments build it, into a work folder with its own artifacts path so that
/// the repository's obj/bin folders are left alone and repeated runs build incrementally.
/// </summary>
internal sealed class BuildPublisher(string repositoryRoot, string workDirectory, TextWriter log)
{
    /// <summary>What <c>gcloud functions deploy --runtime=dotnet10</c> builds: <c>dotnet publish -c Release</c>.</summary>
    public Task<FunctionBuild> FrameworkDependentAsync(CancellationToken cancellationToken) =>
        PublishAsync("fd", [], cancellationToken);

    /// <summary>The same app precompiled to native code (ReadyToRun) for linux-x64, still framework-dependent.</summary>
    public Task<FunctionBuild> ReadyToRunAsync(CancellationToken cancellationToken) =>
        PublishAsync("r2r", ["-r", "linux-x64", "--self-contained", "false", "-p:PublishReadyToRun=true"], cancellationToken);

    private async Task<FunctionBuild> PublishAsync(string name, string[] extra, CancellationToken cancellationToken)
    {
        var output = Path.Combine(workDirectory, "publish", name);
        var built = new FileInfo(Path.Combine(output, "DescribeFunction.dll"));
        if (built.Exists && built.LastWriteTimeUtc > NewestInput())
        {
            await log.WriteLineAsync($"{name}: {output} is newer than every source file; reusing it");
            return new FunctionBuild(name, built.FullName);
        }

        var arguments = new List<string>
        {
            "publish", Path.Combine(repositoryRoot, "src", "DescribeFunction"), "-c", "Release", "-o", output,
            "--artifacts-path", Path.Combine(workDirectory, "artifacts-" + name), "-nologo", "-v", "quiet",
        };
        arguments.AddRange(extra);
        await log.WriteLineAsync($"publishing {name}: dotnet {string.Join(' ', arguments)}");
        var start = Stopwatch.GetTimestamp();
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        arguments.ForEach(info.ArgumentList.Add);
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet publish ({name}) failed with exit code {process.ExitCode}:\n{await stdout}\n{await stderr}");
        }

        await log.WriteLineAsync($"published {name} in {Stopwatch.GetElapsedTime(start).TotalSeconds:F0} s");
        return new FunctionBuild(name, Path.Combine(output, "DescribeFunction.dll"));
    }

    /// <summary>When a file the function's publish reads last changed: its project folder and the shared build files.</summary>
    private DateTime NewestInput()
    {
        var project = Path.Combine(repositoryRoot, "src", "DescribeFunction");
        var sources = Directory.EnumerateFiles(project, "*", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
        var shared = new[] { "Directory.Build.props", "Directory.Packages.props", "global.json", "function.yaml" }
            .Select(f => Path.Combine(repositoryRoot, f)).Where(File.Exists);
        return sources.Concat(shared).Max(File.GetLastWriteTimeUtc);
    }

    /// <summary>The folder holding DescribeFunction.sln, searched upwards from the working directory and from this program.</summary>
    public static string FindRepositoryRoot()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "DescribeFunction.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new InvalidOperationException("Could not find DescribeFunction.sln above the working directory; run from the repository or pass --build.");
    }
}
