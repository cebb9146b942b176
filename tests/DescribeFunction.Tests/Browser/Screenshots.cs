using DescribeFunction.Tests.Infrastructure;

namespace DescribeFunction.Tests.Browser;

/// <summary>Where browser tests leave screenshots: <c>TestResults/</c> at the repository root, which CI keeps.</summary>
public static class Screenshots
{
    public static string Directory { get; } = Path.Combine(RepositoryFiles.Root, "TestResults", "screenshots");
}
