using System.Globalization;
using DescribeFunction.Testing;

namespace DescribeFunction.Benchmarks.Running;

/// <summary>
/// One build of the function to run: a <c>.dll</c> runs as <c>dotnet PATH</c> (framework-dependent, as the buildpack
/// starts it), anything else is an executable run directly (a Native AOT or self-contained build).
/// </summary>
internal sealed record FunctionBuild(string Name, string Path)
{
    public bool RunsWithDotnet => FunctionProcess.RunsWithDotnet(Path);

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

    /// <summary>
    /// Starts this build as a separate OS process (so that /proc numbers are its own) from its build folder, where
    /// function.yaml sits, on a free loopback port, with <paramref name="settings"/> as environment variables as on
    /// Cloud Run.
    /// </summary>
    public FunctionProcess Start(IReadOnlyDictionary<string, string> settings)
    {
        var environment = new Dictionary<string, string>(settings) { ["PORT"] = FreePort.Find().ToString(CultureInfo.InvariantCulture) };
        return FunctionProcess.Start(Path, [], environment);
    }

    /// <summary>Runs this build's <c>backfill</c> command with <paramref name="settings"/> as environment variables, as a Cloud Run job task.</summary>
    public FunctionProcess StartBackfill(IReadOnlyDictionary<string, string> settings, IReadOnlyList<string> arguments) =>
        FunctionProcess.Start(Path, ["backfill", .. arguments], settings);

    public override string ToString() => $"{Name} ({(RunsWithDotnet ? "dotnet " : "")}{Path})";
}
