using DescribeFunction.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace DescribeFunction.Tests.Backfill;

/// <summary>Re-description, the bounds of a run, and settings errors, on small buckets.</summary>
public sealed class BackfillRedescribeTests : IAsyncLifetime
{
    private BackfillHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await BackfillHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task RedescribeStale_AfterAPromptChange_RedescribesEveryImageExactlyOnce_KeepingThePreviousDescriber()
    {
        var images = _harness.PutImages("stale/", 12);
        await _harness.RunAsync();
        var before = (await _harness.DocumentAsync(images[0]))!.Fields.GetMap("describer")!;
        var newPrompt = new Dictionary<string, string?> { ["DESCRIBE_PROMPT"] = "Describe the image in one short sentence." };

        var missing = await _harness.RunAsync(newPrompt, null, default, "--redescribe", "missing");
        var stale = await _harness.RunAsync(newPrompt, null, default, "--redescribe", "stale");
        var again = await _harness.RunAsync(newPrompt, null, default, "--redescribe", "stale");

        Assert.Equal(0, missing.Count("described"));
        Assert.Equal((0, 12L, 0L), (stale.ExitCode, stale.Count("described"), again.Count("described")));
        Assert.All(images, name => Assert.Equal(2, _harness.CallsByObject()[name]));
        var after = await _harness.DocumentsAsync(images);
        Assert.All(after, document =>
        {
            Assert.Equal("done", document!.Fields.GetString("status"));
            Assert.Equal(before.GetString("promptHash"), document.Fields.GetMap("previousDescriber")?.GetString("promptHash"));
            Assert.NotEqual(before.GetString("promptHash"), document.Fields.GetMap("describer")?.GetString("promptHash"));
        });
    }

    [Fact]
    public async Task RedescribeAll_RedescribesEachImageOncePerRun()
    {
        var images = _harness.PutImages("all/", 5);
        await _harness.RunAsync();

        var all = await _harness.RunAsync("--redescribe", "all");

        Assert.Equal(5, all.Count("described"));
        Assert.All(images, name => Assert.Equal(2, _harness.CallsByObject()[name]));
    }

    [Fact]
    public async Task MaxObjects_CapsTheModelCallsOfARun()
    {
        _harness.PutImages("capped/", 20);

        var capped = await _harness.RunAsync("--max-objects", "5", "--concurrency", "4");
        var rest = await _harness.RunAsync();

        Assert.Equal((0, 5L, "max-objects"), (capped.ExitCode, capped.Count("described"), capped.Summary.GetProperty("stoppedBy").GetString()));
        Assert.Equal(5, _harness.Describer.RequestCount - (int)rest.Count("described"));
        Assert.Equal((15L, 5L), (rest.Count("described"), rest.Count("upToDate")));
    }

    [Fact]
    public async Task MaxPerMinute_StartsNoMoreThanTheRateAllows_OnAFakeClock()
    {
        _harness.PutImages("rated/", 6);
        var clock = new FakeTimeProvider();
        var log = _harness.Describer;

        // 60 a minute holds one token: one call at once, then one per (fake) second, whatever the concurrency.
        var run = _harness.RunAsync(null, clock, default, "--max-per-minute", "60", "--concurrency", "6");
        await Waiting.WaitUntilAsync(() => log.RequestCount == 1, TimeSpan.FromSeconds(60), "the first call, which the full bucket allows at once");
        await Task.Delay(500);
        Assert.Equal(1, log.RequestCount);
        clock.Advance(TimeSpan.FromSeconds(1));
        await Waiting.WaitUntilAsync(() => log.RequestCount == 2, TimeSpan.FromSeconds(60), "the second call, one fake second later");
        await Task.Delay(500);
        Assert.Equal(2, log.RequestCount);
        clock.Advance(TimeSpan.FromSeconds(4));
        var result = await run.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal((0, 6L, 6), (result.ExitCode, result.Count("described"), log.RequestCount));
    }

    [Fact]
    public async Task BadOptionOrSetting_IsOneSentenceAndExitCode2()
    {
        var option = await _harness.RunAsync("--redescribe", "everything");
        var bucket = await _harness.RunAsync("--bucket", "someone-elses-bucket");
        var setting = await _harness.RunAsync(new Dictionary<string, string?> { ["CLOUD_RUN_TASK_COUNT"] = "none" }, null, default);

        Assert.Equal((2, "The option --redescribe must be missing, deferred, failed, stale or all, not 'everything'."), (option.ExitCode, option.Errors));
        Assert.Equal((2, "The option --bucket names someone-elses-bucket, but TRIGGER_BUCKET is local-bucket, and the function describes only that bucket's objects."), (bucket.ExitCode, bucket.Errors));
        Assert.Equal((2, "The setting CLOUD_RUN_TASK_COUNT must be a whole number from 1 to 10000, but it is 'none'."), (setting.ExitCode, setting.Errors));
        Assert.Equal(0, _harness.Describer.RequestCount);
    }

    [Fact]
    public async Task Executable_DispatchesBackfill_HelpIsExit0_ABadOptionIsExit2WithOneSentence()
    {
        using var help = _harness.StartProcess(new Dictionary<string, string?>(), "--help");
        using var bad = _harness.StartProcess(new Dictionary<string, string?>(), "--max-objects", "many");

        Assert.Equal(0, await help.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Equal(2, await bad.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains(help.StandardOutput, line => line.StartsWith("Usage: DescribeFunction backfill --bucket NAME", StringComparison.Ordinal));
        Assert.Equal(["The option --max-objects must be a whole number from 1 to 9223372036854775807, not 'many'."], bad.StandardError);
    }

    [Fact]
    public async Task PrefixAndMatchGlob_NarrowTheListing()
    {
        _harness.PutImages("keep/", 3);
        _harness.PutImages("skip/", 3);

        var result = await _harness.RunAsync("--prefix", "keep/", "--match-glob", "**/*.{jpg,png}");

        Assert.Equal((2L, 2L), (result.Count("listed"), result.Count("described")));
        Assert.All(_harness.CallsByObject().Keys, name => Assert.StartsWith("keep/", name, StringComparison.Ordinal));
    }
}
