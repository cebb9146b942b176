using DescribeFunction.Configuration;
using DescribeFunction.Hosting;

namespace DescribeFunction.Tests.Configuration;

/// <summary>
/// Settings come in small records by topic, and each type is handed only the records it reads: checked on the built
/// assemblies of the function and the local runner.
/// </summary>
public sealed class SettingsShapeTests
{
    private static readonly IReadOnlyList<Type> Settings = SettingsReaders.SettingsTypes(typeof(FunctionHost).Assembly);

    [Fact]
    public void SettingsTypes_HaveAtMostTwentyPropertiesEach()
    {
        var large = Settings.Where(t => t.GetProperties().Length > 20).Select(t => $"{t.Name}: {t.GetProperties().Length}");

        Assert.True(Settings.Count >= 10, $"Expected the topic records, found {Settings.Count} settings types.");
        Assert.Empty(large);
    }

    [Fact]
    public void EveryType_ReadsEachSettingsRecordItReceives()
    {
        var types = typeof(FunctionHost).Assembly.GetTypes().Concat(typeof(DescribeFunction.Local.Hosting.LocalEnvironment).Assembly.GetTypes());

        Assert.Empty(SettingsReaders.UnreadRecords(types, [.. Settings]));
    }

    [Fact]
    public void UnreadRecords_FindsAPlantedTypeThatReceivesARecordItNeverReads()
    {
        var problems = SettingsReaders.UnreadRecords([typeof(PlantedReader), typeof(PlantedIgnorer)], [.. Settings]);

        Assert.Equal(["DescribeFunction.Tests.Configuration.SettingsShapeTests+PlantedIgnorer receives SpendSettings but never reads it"], problems);
    }

    private sealed class PlantedReader(SpendSettings spend)
    {
        public int Shards => spend.GrantShards;
    }

    private sealed class PlantedIgnorer(SpendSettings spend, ModelSettings model)
    {
        private readonly SpendSettings _kept = spend;

        public string Model => model.DescribeModel + _kept.GetType().Name;
    }
}
