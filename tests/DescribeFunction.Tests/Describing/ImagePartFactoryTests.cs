using System.ClientModel.Primitives;
using System.Text.Json.Nodes;
using DescribeFunction.Describing;
using OpenAI.Chat;

namespace DescribeFunction.Tests.Describing;

public sealed class ImagePartFactoryTests
{
    [Theory]
    [InlineData("gs://b/My File %20 #1?.jpg")]
    [InlineData("gs://b/фото/кот.png")]
    public void FromGcsUri_SerializesTheUrlVerbatim(string gsUri)
    {
        var part = ImagePartFactory.FromGcsUri(gsUri);

        Assert.Equal(ChatMessageContentPartKind.Image, part.Kind);
        var json = JsonNode.Parse(((IPersistableModel<ChatMessageContentPart>)part).Write(ModelReaderWriterOptions.Json).ToString())!;
        Assert.Equal("image_url", (string?)json["type"]);
        Assert.Equal(gsUri, (string?)json["image_url"]!["url"]);
    }

    [Fact]
    public void LibraryUriPart_WouldEscapeTheName()
    {
        // The reason ImagePartFactory exists: if the library ever stops escaping, this tells us the detour can go.
        var part = ChatMessageContentPart.CreateImagePart(new Uri("gs://b/My File.jpg"));
        var json = ((IPersistableModel<ChatMessageContentPart>)part).Write(ModelReaderWriterOptions.Json).ToString();

        Assert.Contains("gs://b/My%20File.jpg", json, StringComparison.Ordinal);
    }

    [Fact]
    public void FromGcsUri_RejectsOtherSchemes() =>
        Assert.Throws<ArgumentException>(() => ImagePartFactory.FromGcsUri("https://example.com/a.jpg"));

    [Fact]
    public void FromGcsObject_JoinsBucketAndName()
    {
        var json = ((IPersistableModel<ChatMessageContentPart>)ImagePartFactory.FromGcsObject("bkt", "a/b c.jpg"))
            .Write(ModelReaderWriterOptions.Json).ToString();

        Assert.Equal("gs://bkt/a/b c.jpg", (string?)JsonNode.Parse(json)!["image_url"]!["url"]);
    }
}
