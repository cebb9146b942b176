namespace DescribeFunction.Tests.Infrastructure;

/// <summary>A settings file of a test's own, for FUNCTION_CONFIG, deleted when the test is done.</summary>
public sealed class TemporarySettingsFile : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"settings-{Guid.NewGuid():N}.yaml");

    public Task WriteAsync(string yaml) => File.WriteAllTextAsync(Path, yaml);

    public void Dispose() => File.Delete(Path);
}
