namespace DescribeFunction.Tests.Deploy;

/// <summary>A fact that needs the gcloud CLI: skipped, saying so, only when gcloud is not installed (CI has it).</summary>
public sealed class GcloudFactAttribute : FactAttribute
{
    public GcloudFactAttribute()
    {
        if (FindGcloud() is null)
        {
            Skip = "gcloud is not installed (https://cloud.google.com/sdk/docs/install); CI has it.";
        }
    }

    /// <summary>The first <c>gcloud</c> on PATH, or null.</summary>
    public static string? FindGcloud() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, "gcloud"))
            .FirstOrDefault(File.Exists);
}
