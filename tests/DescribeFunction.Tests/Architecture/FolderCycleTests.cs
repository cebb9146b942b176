using DescribeFunction.Hosting;

namespace DescribeFunction.Tests.Architecture;

/// <summary>
/// The top-level folders of src/DescribeFunction (one namespace each; the root namespace and Program count as one
/// more) use each other without a cycle, read from the compiled assembly's metadata and IL.
/// </summary>
public sealed class FolderCycleTests
{
    private static IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Folders() =>
        FolderDependencies.Read(typeof(FunctionHost).Assembly.Location, "DescribeFunction");

    [Fact]
    public void TopLevelFolders_HaveNoDependencyCycle()
    {
        var folders = Folders();
        var cycles = FolderDependencies.Cycles(folders.ToDictionary(f => f.Key, f => (IReadOnlyCollection<string>)[.. f.Value.Keys]));

        // Each cycle is reported with one reference per edge inside it, so the type to move is named.
        var report = string.Join("\n", cycles.Select(cycle => string.Join(" ↔ ", cycle) + ":\n" + string.Join("\n",
            cycle.SelectMany(from => folders[from].Where(to => cycle.Contains(to.Key)).Select(to => $"  {from} → {to.Key}: {to.Value}")))));
        Assert.True(cycles.Count == 0, "The folders depend on each other in a cycle:\n" + report);
    }

    [Fact]
    public void Read_SeesReferencesInBodiesAndSignatures()
    {
        var folders = Folders();

        // A method body only (the host builds the composition), a constructor parameter, and Program's top-level code.
        Assert.Contains("Configuration", folders["Hosting"].Keys);
        Assert.Contains("Versions", folders["Backfill"].Keys);
        Assert.Contains("Backfill", folders[FolderDependencies.RootFolder].Keys);
        // The shared retry rules depend on nothing of ours.
        Assert.Empty(folders["Retries"]);
    }

    [Fact]
    public void Cycles_FindsAPlantedCycleAndNotAChain()
    {
        var chain = new Dictionary<string, IReadOnlyCollection<string>> { ["a"] = ["b"], ["b"] = ["c"], ["c"] = [] };
        var planted = new Dictionary<string, IReadOnlyCollection<string>>(chain) { ["c"] = ["a"], ["d"] = ["a"] };

        Assert.Empty(FolderDependencies.Cycles(chain));
        Assert.Equal(["a", "b", "c"], Assert.Single(FolderDependencies.Cycles(planted)));
    }
}
