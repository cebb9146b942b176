using DescribeFunction.Backfill;
using DescribeFunction.CommandLine;

namespace DescribeFunction.Tests.Backfill;

public class BackfillOptionsTests
{
    [Fact]
    public void Parse_NoOptions_TakesTheDefaults()
    {
        var options = BackfillOptions.Parse([]);

        Assert.Equal((null, RedescribeMode.Missing, false, 16, null, null), (options.Bucket, options.Redescribe, options.DryRun, options.Concurrency, options.MaxObjects, options.MaxPerMinute));
    }

    [Fact]
    public void Parse_EveryOption_InBothSpellings()
    {
        var options = BackfillOptions.Parse(["--bucket", "b", "--prefix=p/", "--match-glob", "**/*.jpg", "--redescribe=stale", "--include-poison",
            "--dry-run", "--max-objects", "10", "--max-per-minute=90.5", "--concurrency", "64", "--json"]);

        Assert.Equal(
            ("b", "p/", "**/*.jpg", RedescribeMode.Stale, true, true, 10L, 90.5, 64, true),
            (options.Bucket, options.Prefix, options.MatchGlob, options.Redescribe, options.IncludePoison, options.DryRun, options.MaxObjects, options.MaxPerMinute, options.Concurrency, options.Json));
    }

    [Theory]
    [InlineData("--redescribe", "sometimes", "The option --redescribe must be missing, deferred, failed, stale or all, not 'sometimes'.")]
    [InlineData("--concurrency", "0", "The option --concurrency must be a whole number from 1 to 1024, not '0'.")]
    [InlineData("--max-objects", "-3", "The option --max-objects must be a whole number from 1 to 9223372036854775807, not '-3'.")]
    [InlineData("--max-per-minute", "fast", "The option --max-per-minute must be a positive number of descriptions a minute (at most 1000000), not 'fast'.")]
    [InlineData("--colour", "blue", "'--colour' is not a backfill option; see DescribeFunction backfill --help.")]
    public void Parse_BadOption_IsOneSentenceNamingIt(string name, string value, string expected)
    {
        var e = Assert.Throws<UsageException>(() => BackfillOptions.Parse([name, value]));

        Assert.Equal(expected, e.Message);
    }

    [Theory]
    [InlineData("missing", ReembedMode.Missing)]
    [InlineData("STALE", ReembedMode.Stale)]
    [InlineData("all", ReembedMode.All)]
    public void Parse_Reembed_TakesItsMode_AndIsOffByDefault(string value, ReembedMode expected)
    {
        Assert.Equal(expected, BackfillOptions.Parse(["--reembed", value, "--dry-run", "--prefix", "p/"]).Reembed);
        Assert.Null(BackfillOptions.Parse(["--redescribe", "all"]).Reembed);
    }

    [Theory]
    [InlineData("--redescribe=missing")]
    [InlineData("--renotify")]
    public void Parse_ReembedWithAnotherMode_IsRefused(string other)
    {
        var e = Assert.Throws<UsageException>(() => BackfillOptions.Parse([other, "--reembed", "stale"]));

        Assert.StartsWith("The option --reembed cannot be combined with --re", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_OptionWithoutItsValue_SaysSo()
    {
        var e = Assert.Throws<UsageException>(() => BackfillOptions.Parse(["--bucket", "--dry-run"]));

        Assert.Equal("The option --bucket needs a value.", e.Message);
    }

    [Fact]
    public void Usage_DocumentsEveryOption()
    {
        foreach (var option in new[] { "--bucket", "--prefix", "--match-glob", "--redescribe", "--include-poison", "--dry-run", "--max-objects", "--max-per-minute", "--concurrency", "--json", "--renotify", "--reembed", "--help" })
        {
            Assert.Contains(option, BackfillOptions.Usage, StringComparison.Ordinal);
        }
    }
}
