namespace DescribeFunction.Benchmarks.Running;

/// <summary>
/// One build of the function to run: a <c>.dll</c> runs as <c>dotnet PATH</c> (framework-dependent, as the buildpack
/// starts it), anything else is an executable run directly (a Native AOT or self-contained build).
/// </summary>
internal sealed record FunctionBuild(string Name, string Path)
{
    public bool RunsWithDotnet => Path.EndsWith(".dll", StringComparison.OrdinalIgnoreCase);

    public string Directory => System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(Path))!;

    public static FunctionBuild Parse(string spec)
    {
        var equals = spec.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0 || equals == spec.Length - 1)
        {
            throw new ArgumentException($"--build takes NAME=PATH (for example fd=out/DescribeFunction.dll), not '{spec}'.");
        }

        var path = System.IO.Path.GetFullPath(spec[(equals + 1)..]);
        return File.Exists(path)
            ? new FunctionBuild(spec[..equals], path)
            : throw new ArgumentException($"--build {spec[..equals]}: no file at {path}.");
    }

    public override string ToString() => $"{Name} ({(RunsWithDotnet ? "dotnet " : "")}{Path})";
}
