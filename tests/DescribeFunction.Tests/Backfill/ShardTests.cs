using DescribeFunction.Backfill;
using DescribeFunction.Configuration;

namespace DescribeFunction.Tests.Backfill;

public class ShardTests
{
    [Theory]
    // Python: int.from_bytes(hashlib.sha256(name.encode()).digest(), "big") % count
    [InlineData("photos/cat.jpg", 4, 0)]
    [InlineData("photos/cat.jpg", 7, 4)]
    [InlineData("photos/cat.jpg", 10000, 9084)]
    [InlineData("a", 4, 3)]
    [InlineData("ünïcode/名前.png", 7, 6)]
    [InlineData("ünïcode/名前.png", 10000, 1004)]
    public void Of_IsTheWholeDigestModuloTheCount(string name, int count, int expected) =>
        Assert.Equal(expected, Shard.Of(name, count));

    [Fact]
    public void Contains_FourShards_TakeEveryNameExactlyOnce()
    {
        var shards = Enumerable.Range(0, 4).Select(i => new Shard(i, 4)).ToArray();
        var names = Enumerable.Range(0, 1000).Select(i => $"p{i % 7}/img {i}.jpg").ToArray();

        Assert.All(names, name => Assert.Single(shards, s => s.Contains(name)));
        Assert.All(shards, s => Assert.InRange(names.Count(s.Contains), 180, 320));
    }

    [Fact]
    public void Read_IndexNotBelowCount_IsASettingError()
    {
        var reader = new SettingsReader(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["CLOUD_RUN_TASK_INDEX"] = "4",
            ["CLOUD_RUN_TASK_COUNT"] = "4",
        }).Build());

        FunctionSettings.Read(reader);

        Assert.Equal("The setting CLOUD_RUN_TASK_INDEX must be below CLOUD_RUN_TASK_COUNT (4), but it is 4.", Assert.Single(reader.Errors));
    }
}
