using System.Net;
using System.Text.Json;
using DescribeFunction.Local.Faults;
using DescribeFunction.Local.Hosting;
using DescribeFunction.PubSub;
using DescribeFunction.Store;
using DescribeFunction.Tests.EndToEnd;
using DescribeFunction.Tests.Infrastructure;

namespace DescribeFunction.Tests.Notifying;

/// <summary>
/// One Pub/Sub notice per finished version, end to end on Google's Pub/Sub emulator and Google's Firestore emulator:
/// duplicates publish nothing more, a failed publish is answered 500 and the redelivery publishes without calling
/// the model, and so does the redelivery after a crash between the commit and the publish. The run's one emulator
/// of each is shared; each test has a topic and a collection of its own.
/// </summary>
public sealed class NoticeDeliveryTests
{
    private static byte[] Image => DescribeEndToEndTests.Sample("blue-white-portrait.png");

    [Fact]
    public async Task DuplicatesAndAPermanentFailure_GiveExactlyOneNoticePerFinishedVersion()
    {
        var topic = await SharedPubSubEmulator.TopicAsync();
        await using var stack = await StartAsync(topic);
        stack.Environment.DescriberSettings.ChunkDelay = TimeSpan.FromMilliseconds(5);
        var broken = stack.Upload("broken.png", Image, "image/png");
        stack.Environment.Describer.Faults.Add(new FaultPlan { Status = 400, PathContains = "chat/completions" });
        Assert.Equal(HttpStatusCode.OK, (await stack.DeliverAsync(broken, eventId: "broken")).StatusCode);
        var names = Enumerable.Range(0, 5).Select(i => $"photos/image {i}.png").ToArray();
        var uploads = names.Select(n => stack.Upload(n, Image, "image/png")).ToArray();

        // Every event twice at once, then once more after it finished; the failed one redelivered too.
        var concurrent = await Task.WhenAll(uploads.SelectMany(u => new[] { stack.DeliverAsync(u, eventId: u.Name), stack.DeliverAsync(u, eventId: u.Name) }));
        var again = await Task.WhenAll(uploads.Append(broken).Select(u => stack.DeliverAsync(u, eventId: u.Name)));

        Assert.All(concurrent.Concat(again), r => Assert.True(r.IsSuccessStatusCode, $"HTTP {(int)r.StatusCode}"));
        var messages = await topic.DrainAsync();
        Assert.Equal(names.Append("broken.png").Order(StringComparer.Ordinal), messages.Select(m => m.Attributes["objectName"]).Order(StringComparer.Ordinal));
        Assert.Equal(6, stack.Environment.Describer.Faults.RequestCount);
        foreach (var message in messages)
        {
            var name = message.Attributes["objectName"];
            var document = (await stack.GetDocumentAsync(name))!;
            var status = name == "broken.png" ? DescriptionStatus.Failed : DescriptionStatus.Done;
            Assert.Equal(status, message.Attributes["status"]);
            Assert.Equal(LocalEnvironment.Bucket, message.Attributes["bucket"]);
            Assert.Equal(document.Fields.GetInt64("generation").ToString(), message.Attributes["generation"]);
            Assert.Equal("image/png", message.Attributes["contentType"]);
            Assert.Equal(DocumentId.FromObjectName(name), message.Attributes["documentId"]);
            using var data = JsonDocument.Parse(message.Data);
            Assert.Equal(name, data.RootElement.GetProperty("name").GetString());
            Assert.Equal(document.Name, data.RootElement.GetProperty("document").GetString());
            Assert.Equal(document.Fields.GetString("description"), data.RootElement.TryGetProperty("description", out var d) ? d.GetString() : null);
            var notification = document.Fields.GetMap(NotificationFields.Notification)!;
            Assert.Equal(NotificationFields.Sent, notification.GetString(NotificationFields.State));
            Assert.Equal(message.MessageId, notification.GetString(NotificationFields.MessageId));
        }

        using var failed = JsonDocument.Parse(messages.Single(m => m.Attributes["objectName"] == "broken.png").Data);
        Assert.Equal("endpoint-400", failed.RootElement.GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task PubSubUnreachable_IsNotAcknowledged_AndTheRedeliveryPublishesWithoutAModelCall()
    {
        var topic = await SharedPubSubEmulator.TopicAsync();
        var publisher = new SwitchablePublisher(PubSubClient.Create($"127.0.0.1:{FreePort.Find()}", credential: null));
        await using var stack = await StartAsync(topic, publisher);
        var stored = stack.Upload("unreachable.png", Image, "image/png");

        var first = await stack.DeliverAsync(stored, eventId: "e1");

        Assert.Equal(HttpStatusCode.InternalServerError, first.StatusCode);
        var owed = (await stack.GetDocumentAsync("unreachable.png"))!.Fields;
        Assert.Equal(DescriptionStatus.Done, owed.GetString("status"));
        Assert.Equal(NotificationFields.Pending, owed.GetMap(NotificationFields.Notification)!.GetString(NotificationFields.State));
        Assert.Empty(await topic.DrainAsync());

        publisher.Target = PubSubClient.Create(topic.HostPort, credential: null);
        var second = await stack.DeliverAsync(stored, eventId: "e1");

        Assert.True(second.IsSuccessStatusCode, $"HTTP {(int)second.StatusCode}");
        var message = Assert.Single(await topic.DrainAsync());
        Assert.Equal("unreachable.png", message.Attributes["objectName"]);
        Assert.Equal(1, stack.Environment.Describer.Faults.RequestCount);
        var sent = (await stack.GetDocumentAsync("unreachable.png"))!.Fields.GetMap(NotificationFields.Notification)!;
        Assert.Equal(NotificationFields.Sent, sent.GetString(NotificationFields.State));
        Assert.Equal(message.MessageId, sent.GetString(NotificationFields.MessageId));
    }

    [Fact]
    public async Task CrashBetweenCommitAndPublish_TheRedeliveryPublishesOnceTheLeaseLapses_WithoutAModelCall()
    {
        var topic = await SharedPubSubEmulator.TopicAsync();
        var publisher = new SwitchablePublisher(new CrashingPublisher());
        await using var stack = await StartAsync(topic, publisher, new() { ["LEASE_DURATION"] = "2s" });
        var stored = stack.Upload("crash.png", Image, "image/png");

        var first = await stack.DeliverAsync(stored, eventId: "c1");

        Assert.Equal(HttpStatusCode.InternalServerError, first.StatusCode);
        var owed = (await stack.GetDocumentAsync("crash.png"))!.Fields.GetMap(NotificationFields.Notification)!;
        Assert.Equal(NotificationFields.Pending, owed.GetString(NotificationFields.State));
        Assert.NotNull(owed.GetTimestamp(NotificationFields.LeaseExpiresAt));

        publisher.Target = PubSubClient.Create(topic.HostPort, credential: null);
        var second = await stack.DeliverAsync(stored, eventId: "c1");

        Assert.True(second.IsSuccessStatusCode, $"HTTP {(int)second.StatusCode}");
        Assert.Equal("crash.png", Assert.Single(await topic.DrainAsync()).Attributes["objectName"]);
        Assert.Equal(1, stack.Environment.Describer.Faults.RequestCount);
    }

    [Fact]
    public async Task NotifyOnDone_RecordsAndPublishesNothingForAFailure()
    {
        var topic = await SharedPubSubEmulator.TopicAsync();
        await using var stack = await StartAsync(topic, settings: new() { ["NOTIFY_ON"] = "done" });
        stack.Environment.Describer.Faults.Add(new FaultPlan { Status = 400, PathContains = "chat/completions" });

        Assert.Equal(HttpStatusCode.OK, (await stack.UploadAndDeliverAsync("refused.png", Image)).StatusCode);

        Assert.Empty(await topic.DrainAsync());
        Assert.False((await stack.GetDocumentAsync("refused.png"))!.Fields.ContainsKey(NotificationFields.Notification));
    }

    private static async Task<FunctionWithStandIns> StartAsync(NoticeTopic topic, IPubSubPublisher? publisher = null, Dictionary<string, string?>? settings = null)
    {
        var firestore = await SharedFirestoreEmulator.GetAsync();
        var all = topic.Settings;
        all["FIRESTORE_COLLECTION"] = "notices-" + Guid.NewGuid().ToString("N")[..12];
        foreach (var (key, value) in settings ?? [])
        {
            all[key] = value;
        }

        return await FunctionWithStandIns.StartAsync(
            all,
            firestore: LocalFirestore.Existing(firestore.HostAndPort ?? throw new InvalidOperationException($"Google's Firestore emulator is unavailable, so this test cannot run on it: {firestore.Unavailable}")),
            services: publisher is null ? null : s => s.AddSingleton(publisher));
    }

    /// <summary>The publisher seam with its target swapped mid-test: unreachable or crashing first, the emulator after.</summary>
    private sealed class SwitchablePublisher(IPubSubPublisher target) : IPubSubPublisher
    {
        public IPubSubPublisher Target { get; set; } = target;

        public Task<string> PublishAsync(string topic, PubSubMessage message, CancellationToken cancellationToken) =>
            Target.PublishAsync(topic, message, cancellationToken);
    }

    /// <summary>
    /// What a process killed after its commit leaves behind: the notice owed under a live lease, never released,
    /// and no answer to the event that counts as success.
    /// </summary>
    private sealed class CrashingPublisher : IPubSubPublisher
    {
        public Task<string> PublishAsync(string topic, PubSubMessage message, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("The process died between the commit and the publish.");
    }
}
