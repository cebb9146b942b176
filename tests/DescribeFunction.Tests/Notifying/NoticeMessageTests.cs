using System.Text.Json;
using DescribeFunction.Configuration;
using DescribeFunction.Notifying;
using DescribeFunction.Store;

namespace DescribeFunction.Tests.Notifying;

/// <summary>The message of a finished version: the attributes a filter routes on, the summary in data, the size limits.</summary>
public sealed class NoticeMessageTests
{
    private static OwedNotice Notice(string name = "photos/cat.png", string status = "done") => new(
        DocumentId.FromObjectName(name), "projects/p/databases/(default)/documents/imageDescriptions/" + DocumentId.FromObjectName(name),
        "2026-12-02T01:00:00.000001Z", "bucket-1", name, 1733100000000001, status, "image/png", "A cat.", "Cat", ["cat", "sofa"],
        status == "failed" ? "endpoint-400" : null, status == "failed" ? "Bad request." : null, "google/gemini-3.8-flash", "abc", null);

    [Fact]
    public void From_CarriesTheRoutingAttributes()
    {
        var message = NoticeMessage.From(Notice());

        Assert.Equal(new Dictionary<string, string>
        {
            ["status"] = "done",
            ["bucket"] = "bucket-1",
            ["objectName"] = "photos/cat.png",
            ["generation"] = "1733100000000001",
            ["contentType"] = "image/png",
            ["documentId"] = "photos%2Fcat.png",
        }, message.Attributes);
    }

    [Fact]
    public void From_DataIsTheDocumentSummary()
    {
        using var data = JsonDocument.Parse(NoticeMessage.From(Notice(status: "failed")).Data);
        var root = data.RootElement;

        Assert.Equal("photos/cat.png", root.GetProperty("name").GetString());
        Assert.Equal(1733100000000001, root.GetProperty("generation").GetInt64());
        Assert.Equal("failed", root.GetProperty("status").GetString());
        Assert.EndsWith("/documents/imageDescriptions/photos%2Fcat.png", root.GetProperty("document").GetString(), StringComparison.Ordinal);
        Assert.Equal("A cat.", root.GetProperty("description").GetString());
        Assert.Equal("Cat", root.GetProperty("altText").GetString());
        Assert.Equal(["cat", "sofa"], root.GetProperty("labels").EnumerateArray().Select(l => l.GetString()));
        Assert.Equal("endpoint-400", root.GetProperty("error").GetProperty("code").GetString());
        Assert.Equal("google/gemini-3.8-flash", root.GetProperty("describer").GetProperty("model").GetString());
    }

    [Fact]
    public void From_ADocumentIdOver1024Bytes_IsLeftOutOfTheAttributesButKeptInData()
    {
        // 600 bytes of name, 1,200 of document id (each / is %2F), under the 1,500 at which the id is hashed instead.
        var name = string.Concat(Enumerable.Repeat("a/", 300));
        var message = NoticeMessage.From(Notice(name));

        Assert.False(message.Attributes.ContainsKey("documentId"));
        Assert.Equal(name, message.Attributes["objectName"]);
        using var data = JsonDocument.Parse(message.Data);
        Assert.Equal(DocumentId.FromObjectName(name), data.RootElement.GetProperty("documentId").GetString());
    }

    [Theory]
    [InlineData("NOTIFY_ON", "done,archived", "The setting NOTIFY_ON must list statuses among done, failed, deferred, but it is 'done,archived'.")]
    [InlineData("NOTIFY_TOPIC", "projects/p/topics/x y", "The setting NOTIFY_TOPIC must be projects/PROJECT/topics/TOPIC or a topic id (3 to 255 letters, digits or -_.~+%, starting with a letter, not goog), but it is 'projects/p/topics/x y'.")]
    [InlineData("NOTIFY_TOPIC", "goog-notices", "The setting NOTIFY_TOPIC must be projects/PROJECT/topics/TOPIC or a topic id (3 to 255 letters, digits or -_.~+%, starting with a letter, not goog), but it is 'goog-notices'.")]
    [InlineData("PUBSUB_EMULATOR_HOST", "http://localhost:8085", "The setting PUBSUB_EMULATOR_HOST must be host:port, but it is 'http://localhost:8085'.")]
    public void Read_ABadNoticeSetting_IsOneSentence(string key, string value, string expected)
    {
        var reader = new SettingsReader(new ConfigurationBuilder().AddInMemoryCollection([new(key, value)]).Build());

        FunctionSettings.Read(reader);

        Assert.Equal(expected, Assert.Single(reader.Errors));
    }

    [Fact]
    public void Read_NoticeSettings_AreNormalized()
    {
        var reader = new SettingsReader(new ConfigurationBuilder().AddInMemoryCollection([
            new("NOTIFY_TOPIC", "projects/my-project/topics/image-notices"), new("NOTIFY_ON", "Done, deferred"), new("PUBSUB_EMULATOR_HOST", "localhost:8085")]).Build());

        var settings = FunctionSettings.Read(reader);

        Assert.Empty(reader.Errors);
        Assert.Equal("projects/my-project/topics/image-notices", settings.Notices.NotifyTopic);
        Assert.Equal(["done", "deferred"], settings.Notices.NotifyOn);
        Assert.Equal("localhost:8085", settings.Cloud.PubSubEmulatorHost);
        Assert.Equal(["done", "failed"], new FunctionSettings().Notices.NotifyOn);
    }
}
