using DescribeFunction.Hosting;
using DescribeFunction.Tests.Docs;

namespace DescribeFunction.Tests.Architecture;

/// <summary>
/// The map in <c>docs/architecture.md</c> ("## The folders", its "uses" column) is the folder graph of the built
/// assembly, edge for edge: a use the table leaves out and a use it claims that the code does not make both fail.
/// </summary>
public sealed class ArchitectureMapTests
{
    private static IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Assembly() =>
        FolderDependencies.Read(typeof(FunctionHost).Assembly.Location, "DescribeFunction");

    private static IReadOnlyDictionary<string, IReadOnlySet<string>> Table() =>
        ArchitectureMap.ReadUsesTable(Repository.Read(ArchitectureMap.Page));

    [Fact]
    public void UsesColumn_EqualsTheFolderGraphOfTheBuiltAssembly()
    {
        var differences = ArchitectureMap.Differences(Table(), Assembly());

        Assert.True(differences.Count == 0,
            $"The \"uses\" column of {ArchitectureMap.Page} (## The folders) differs from the built assembly's folder graph:\n"
            + string.Join("\n", differences));
    }

    [Fact]
    public void Differences_NamesEachEdgeOfAPlantedDrift()
    {
        // A table that is exactly the assembly's graph, so that the drift planted in it is the only difference.
        var assembly = Assembly();
        var drifted = assembly.ToDictionary(f => f.Key, f => new HashSet<string>(f.Value.Keys, StringComparer.Ordinal), StringComparer.Ordinal);
        Assert.Empty(ArchitectureMap.Differences(drifted.ToDictionary(r => r.Key, r => (IReadOnlySet<string>)r.Value), assembly));

        var from = FolderDependencies.RootFolder;
        var removed = assembly[from].Keys.Order(StringComparer.Ordinal).First();
        drifted[from].Remove(removed);
        Assert.True(drifted["Retries"].Add("Events"), "Retries should use nothing of ours, Events included.");
        drifted.Remove("Logging");
        drifted["Gone"] = [];

        var differences = ArchitectureMap.Differences(drifted.ToDictionary(r => r.Key, r => (IReadOnlySet<string>)r.Value), assembly);

        Assert.Equal(4, differences.Count);
        Assert.Contains(differences, d => d.StartsWith($"row root: uses `{removed}/` in the assembly (", StringComparison.Ordinal)
            && d.EndsWith("), but the table does not say so.", StringComparison.Ordinal));
        Assert.Contains("row `Retries/`: the table says it uses `Events/`, but the assembly does not.", differences);
        Assert.Contains("row `Logging/`: the assembly has this folder, the table has no row for it.", differences);
        Assert.Contains("row `Gone/`: the table has a row for it, the assembly has no such folder.", differences);
    }

    [Fact]
    public void ReadUsesTable_ReadsNothingOfOursNamesAndAllOfTheAboveWithExceptions()
    {
        const string Page = """
            # Architecture

            ## The folders

            | folder | holds | uses |
            |---|---|---|
            | `Retries/` | the retry rules | nothing of ours |
            | `Events/` | events | `Retries/` |
            | `Hosting/` | the host | Events, `Retries/` |
            | `Backfill/` | the command | all of the above except `Hosting/`, Events |
            | root | the composition root | all of the above |

            ## Something else

            | folder | holds | uses |
            |---|---|---|
            | `Elsewhere/` | not the map | `Retries/` |
            """;

        var table = ArchitectureMap.ReadUsesTable(Page);

        Assert.Equal(["Retries", "Events", "Hosting", "Backfill", FolderDependencies.RootFolder], table.Keys);
        Assert.Empty(table["Retries"]);
        Assert.Equal(["Retries"], table["Events"]);
        Assert.Equal(["Events", "Retries"], table["Hosting"].Order(StringComparer.Ordinal));
        Assert.Equal(["Retries"], table["Backfill"]);
        Assert.Equal(["Backfill", "Events", "Hosting", "Retries"], table[FolderDependencies.RootFolder].Order(StringComparer.Ordinal));
    }
}
