using DescribeFunction.Store;
using DescribeFunction.Tests.Infrastructure;

namespace DescribeFunction.Tests.Backfill;

/// <summary><c>backfill --renotify</c>: every notice still owed in the bucket is published once, with no model call.</summary>
public sealed class RenotifyTests
{
    [Fact]
    public async Task Renotify_PublishesEveryOwedNoticeOnce_AndCallsNoModel()
    {
        var topic = await SharedPubSubEmulator.TopicAsync();
        await using var harness = await BackfillHarness.StartAsync();
        var names = harness.PutImages("owed/", 4);
        harness.PutImage("elsewhere/kept", 1);
        // Described while the topic does not exist: each publish is refused, so every notice stays owed.
        var missingTopic = new Dictionary<string, string?>(topic.Settings) { ["NOTIFY_TOPIC"] = "missing-" + topic.Topic };
        var described = await harness.RunAsync(missingTopic, null, default, "--prefix", "owed/");
        Assert.NotEqual(0, described.ExitCode);
        Assert.All(await harness.DocumentsAsync(names), d =>
            Assert.Equal(NotificationFields.Pending, d!.Fields.GetMap(NotificationFields.Notification)!.GetString(NotificationFields.State)));
        var modelCalls = harness.Describer.ImageUrls.Count;

        var dryRun = await harness.RunAsync(topic.Settings, null, default, "--renotify", "--dry-run");
        var renotified = await harness.RunAsync(topic.Settings, null, default, "--renotify");
        var again = await harness.RunAsync(topic.Settings, null, default, "--renotify");

        Assert.Equal((0, 4, 0), (dryRun.ExitCode, dryRun.Count("owed"), dryRun.Count("published")));
        Assert.Equal((0, 5, 4, 4), (renotified.ExitCode, renotified.Count("listed"), renotified.Count("owed"), renotified.Count("published")));
        Assert.Equal((0, 0), (again.ExitCode, again.Count("owed")));
        var messages = await topic.DrainAsync();
        Assert.Equal(names.Order(StringComparer.Ordinal), messages.Select(m => m.Attributes["objectName"]).Order(StringComparer.Ordinal));
        Assert.Equal(modelCalls, harness.Describer.ImageUrls.Count);
        Assert.All(await harness.DocumentsAsync(names), d =>
            Assert.Equal(NotificationFields.Sent, d!.Fields.GetMap(NotificationFields.Notification)!.GetString(NotificationFields.State)));
    }

    [Fact]
    public async Task Renotify_WithoutANotifyTopic_IsABadOption()
    {
        await using var harness = await BackfillHarness.StartAsync();

        var result = await harness.RunAsync("--renotify");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("The option --renotify needs NOTIFY_TOPIC set: the topic the notices go to.", result.Errors);
    }
}
