using DescribeFunction.Hosting;

namespace DescribeFunction.Local.Cli;

/// <summary>
/// Run from the repository (<c>dotnet run --project src/DescribeFunction.Local -- …</c>), the runner reads the
/// repository's <c>function.yaml</c>, the file a developer edits, rather than the copy the last build left in
/// <c>bin/</c>. An explicit <c>FUNCTION_CONFIG</c> still wins.
/// </summary>
internal static class RepositorySettings
{
    private const string Solution = "DescribeFunction.sln";

    /// <summary>The repository's <c>function.yaml</c> above <paramref name="directory"/>, or null outside a repository.</summary>
    public static string? Find(string directory)
    {
        for (var folder = new DirectoryInfo(directory); folder is not null; folder = folder.Parent)
        {
            var settings = Path.Combine(folder.FullName, FunctionHost.ConfigFileName);
            if (File.Exists(Path.Combine(folder.FullName, Solution)) && File.Exists(settings))
            {
                return settings;
            }
        }

        return null;
    }

    /// <summary>
    /// Points <c>FUNCTION_CONFIG</c> at the repository's file for this process: every part of the runner (the function
    /// host, backfill, the gallery's search) reads its settings through it.
    /// </summary>
    public static void UseWhenInRepository()
    {
        if (Environment.GetEnvironmentVariable("FUNCTION_CONFIG") is not { Length: > 0 } && Find(Directory.GetCurrentDirectory()) is { } settings)
        {
            Environment.SetEnvironmentVariable("FUNCTION_CONFIG", settings);
        }
    }
}
