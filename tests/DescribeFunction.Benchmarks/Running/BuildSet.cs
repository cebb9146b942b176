namespace DescribeFunction.Benchmarks.Running;

/// <summary>The builds a run uses: those given with --build, plus fd (and r2r for cold starts) published when missing.</summary>
internal sealed class BuildSet(BenchmarkOptions options, TextWriter log)
{
    private readonly List<FunctionBuild> _builds = [.. options.Builds];

    public IReadOnlyList<FunctionBuild> All => _builds;

    public async Task<FunctionBuild> FunctionAsync(CancellationToken cancellationToken)
    {
        await EnsureAsync(includeReadyToRun: false, cancellationToken);
        return Find(options.FunctionBuildName)
            ?? throw new ArgumentException($"--function {options.FunctionBuildName}: no build of that name (give it with --build).");
    }

    /// <summary>fd first (the baseline), then r2r, aot and any others in the order given.</summary>
    public async Task<IReadOnlyList<FunctionBuild>> ColdStartBuildsAsync(CancellationToken cancellationToken)
    {
        await EnsureAsync(includeReadyToRun: options.ReadyToRun ?? !options.Quick, cancellationToken);
        string[] order = ["fd", "r2r", "aot"];
        return [.. _builds.OrderBy(b => Array.IndexOf(order, b.Name) is var i and >= 0 ? i : order.Length)];
    }

    public FunctionBuild? Find(string name) => _builds.FirstOrDefault(b => b.Name == name);

    private async Task EnsureAsync(bool includeReadyToRun, CancellationToken cancellationToken)
    {
        var needFd = Find("fd") is null;
        var needR2R = includeReadyToRun && Find("r2r") is null;
        if (!needFd && !needR2R)
        {
            return;
        }

        var publisher = new BuildPublisher(BuildPublisher.FindRepositoryRoot(), options.WorkDirectory, log);
        if (needFd)
        {
            _builds.Add(await publisher.FrameworkDependentAsync(cancellationToken));
        }

        if (needR2R)
        {
            _builds.Add(await publisher.ReadyToRunAsync(cancellationToken));
        }
    }
}
