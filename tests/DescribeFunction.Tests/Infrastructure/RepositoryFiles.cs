namespace DescribeFunction.Tests.Infrastructure;

/// <summary>
/// Files of the repository the tests were built from (the shipped rules, the Node rules tests, <c>TestResults/</c>):
/// the first folder above the test build that holds <c>DescribeFunction.sln</c>, or the build folder itself.
/// </summary>
public static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(string relativePath) => Path.Combine(Root, relativePath);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "DescribeFunction.sln")))
            {
                return dir.FullName;
            }
        }

        return AppContext.BaseDirectory;
    }
}
