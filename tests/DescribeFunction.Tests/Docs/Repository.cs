namespace DescribeFunction.Tests.Docs;

/// <summary>
/// The repository the tests were built from (found by walking up to <c>DescribeFunction.sln</c>): its docs, its
/// sources, and every file and folder a doc may name. Build outputs and run-time folders are not part of it.
/// </summary>
public static class Repository
{
    private static readonly string[] Ignored = ["bin", "obj", ".git", "TestResults", "artifacts", "node_modules", ".local-data"];

    public static string Root { get; } = FindRoot();

    /// <summary><c>README.md</c> and every page in <c>docs/</c>, as paths relative to the root.</summary>
    public static IReadOnlyList<string> DocPages { get; } =
    [
        "README.md",
        .. Directory.GetFiles(Path.Combine(Root, "docs"), "*.md").Select(RelativePath).Order(StringComparer.Ordinal),
    ];

    /// <summary>Every file and folder (folders with a trailing <c>/</c>), relative to the root with <c>/</c> separators.</summary>
    public static IReadOnlySet<string> Entries { get; } = ListEntries();

    public static string Read(string relativePath) => File.ReadAllText(Path.Combine(Root, relativePath));

    /// <summary>The C# sources under a folder, relative to the root, build outputs excluded.</summary>
    public static IReadOnlyList<string> SourceFiles(string folder) =>
        [.. Entries.Where(e => e.StartsWith(folder.TrimEnd('/') + "/", StringComparison.Ordinal) && e.EndsWith(".cs", StringComparison.Ordinal)).Order(StringComparer.Ordinal)];

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "DescribeFunction.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No DescribeFunction.sln above {AppContext.BaseDirectory}: the docs tests read the repository the tests were built from.");
    }

    private static string RelativePath(string fullPath) => Path.GetRelativePath(Root, fullPath).Replace('\\', '/');

    private static HashSet<string> ListEntries()
    {
        var entries = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([Root]);
        while (pending.TryPop(out var folder))
        {
            foreach (var file in Directory.EnumerateFiles(folder))
            {
                entries.Add(RelativePath(file));
            }

            foreach (var child in Directory.EnumerateDirectories(folder).Where(d => !Ignored.Contains(Path.GetFileName(d))))
            {
                entries.Add(RelativePath(child) + "/");
                pending.Push(child);
            }
        }

        return entries;
    }
}
