using DescribeFunction.Tests.Docs;

namespace DescribeFunction.Tests.Architecture;

/// <summary>
/// The "uses" column of the table under "## The folders" in <c>docs/architecture.md</c>, read as a folder graph, and
/// its differences from the graph <see cref="FolderDependencies.Read"/> gives for the built assembly.
/// </summary>
internal static class ArchitectureMap
{
    public const string Page = "docs/architecture.md";

    private const string Section = "## The folders";
    private const string Nothing = "nothing of ours";
    private const string Everything = "all of the above"; // optionally followed by " except " and names
    private const string RootRow = "root";

    /// <summary>Folder → the folders its row says it uses, in the table's order (the root row as <see cref="FolderDependencies.RootFolder"/>).</summary>
    public static IReadOnlyDictionary<string, IReadOnlySet<string>> ReadUsesTable(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        var start = markdown.IndexOf("\n" + Section + "\n", StringComparison.Ordinal);
        if (start < 0)
        {
            throw new InvalidOperationException($"{Page} has no \"{Section}\" section.");
        }

        var end = markdown.IndexOf("\n## ", start + Section.Length + 2, StringComparison.Ordinal);
        var section = end < 0 ? markdown[start..] : markdown[start..end];

        var table = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal);
        foreach (var (_, cells) in Markdown.TableRows(section))
        {
            if (cells.Length != 3 || cells[0] == "folder" || cells[0].StartsWith("---", StringComparison.Ordinal))
            {
                continue;
            }

            var folder = cells[0] == RootRow ? FolderDependencies.RootFolder : FolderName(cells[0]);
            table[folder] = cells[2] switch
            {
                Nothing => new HashSet<string>(StringComparer.Ordinal),
                Everything => new HashSet<string>(table.Keys, StringComparer.Ordinal),
                var uses when uses.StartsWith(Everything + " except ", StringComparison.Ordinal) =>
                    new HashSet<string>(table.Keys.Except(Names(uses[(Everything + " except ").Length..])), StringComparer.Ordinal),
                var uses => new HashSet<string>(Names(uses), StringComparer.Ordinal),
            };
        }

        return table;
    }

    /// <summary>
    /// Each way the table and the assembly's graph differ, one sentence each: a folder with no row, a row with no
    /// folder, an edge the table leaves out (with the reference that makes it) and an edge the table adds.
    /// </summary>
    public static IReadOnlyList<string> Differences(
        IReadOnlyDictionary<string, IReadOnlySet<string>> table,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> assembly)
    {
        var differences = new List<string>();
        foreach (var folder in assembly.Keys.Except(table.Keys).Order(StringComparer.Ordinal))
        {
            differences.Add($"{Row(folder)}: the assembly has this folder, the table has no row for it.");
        }

        foreach (var folder in table.Keys.Except(assembly.Keys).Order(StringComparer.Ordinal))
        {
            differences.Add($"{Row(folder)}: the table has a row for it, the assembly has no such folder.");
        }

        foreach (var folder in table.Keys.Intersect(assembly.Keys).Order(StringComparer.Ordinal))
        {
            var real = assembly[folder];
            foreach (var missing in real.Keys.Except(table[folder]).Order(StringComparer.Ordinal))
            {
                differences.Add($"{Row(folder)}: uses {Cell(missing)} in the assembly ({real[missing]}), but the table does not say so.");
            }

            foreach (var extra in table[folder].Except(real.Keys).Order(StringComparer.Ordinal))
            {
                differences.Add($"{Row(folder)}: the table says it uses {Cell(extra)}, but the assembly does not.");
            }
        }

        return differences;
    }

    private static IEnumerable<string> Names(string cell) => cell.Split(',').Select(FolderName);

    private static string FolderName(string cell) => cell.Trim().Trim('`').TrimEnd('/');

    private static string Cell(string folder) => folder == FolderDependencies.RootFolder ? RootRow : $"`{folder}/`";

    private static string Row(string folder) => $"row {Cell(folder)}";
}
