using DescribeFunction.Configuration;
using Microsoft.Extensions.Configuration;

namespace DescribeFunction.Tests.Configuration;

/// <summary>Google's access token goes only to Google's APIs over https and to this machine.</summary>
public sealed class GoogleTokenDestinationsTests
{
    [Theory]
    [InlineData("https://aiplatform.googleapis.com/v1/projects/p/locations/global/endpoints/openapi", true)]
    [InlineData("https://us-central1-aiplatform.googleapis.com", true)]
    [InlineData("http://127.0.0.1:8682/v1", true)]
    [InlineData("http://localhost:8682/v1", true)]
    [InlineData("http://[::1]:8682/v1", true)]
    [InlineData("http://aiplatform.googleapis.com/v1", false)]
    [InlineData("https://api.example.com/v1", false)]
    [InlineData("https://evil-googleapis.com/v1", false)]
    [InlineData("https://googleapis.com.example.net/v1", false)]
    [InlineData("http://10.0.0.5:8080/v1", false)]
    public void MayReceive_GoogleOverHttpsOrLoopbackOnly(string url, bool allowed) =>
        Assert.Equal(allowed, GoogleTokenDestinations.MayReceive(new Uri(url)));

    [Theory]
    [InlineData("OPENAI_BASE_URL=https://api.example.com/v1", "OPENAI_BASE_URL")]
    [InlineData("OPENAI_BASE_URL=http://aiplatform.googleapis.com/v1", "OPENAI_BASE_URL")]
    [InlineData("EMBEDDING_MODEL=m;EMBEDDING_API=openai;EMBEDDING_BASE_URL=https://api.example.com/v1", "EMBEDDING_BASE_URL")]
    [InlineData("EMBEDDING_MODEL=m;EMBEDDING_API=vertex;EMBEDDING_BASE_URL=https://example.com;OPENAI_API_KEY=k", "EMBEDDING_BASE_URL")]
    public void Read_EndpointElsewhereWithoutAKey_IsOneSentenceNamingIt(string settings, string named)
    {
        var reader = Reader(settings);

        FunctionSettings.Read(reader);

        var error = Assert.Single(reader.Errors);
        Assert.StartsWith($"The setting {named} points at ", error, StringComparison.Ordinal);
        Assert.EndsWith(".", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("OPENAI_BASE_URL=https://api.example.com/v1;OPENAI_API_KEY=k")]
    [InlineData("OPENAI_BASE_URL=http://127.0.0.1:8682/v1")]
    [InlineData("EMBEDDING_MODEL=m;EMBEDDING_API=openai;EMBEDDING_BASE_URL=https://api.example.com/v1;OPENAI_API_KEY=k")]
    [InlineData("EMBEDDING_BASE_URL=https://example.com")]
    public void Read_KeyOrGoogleOrLoopbackOrEmbeddingsOff_IsAccepted(string settings)
    {
        var reader = Reader(settings);

        FunctionSettings.Read(reader);

        Assert.Empty(reader.Errors);
    }

    private static SettingsReader Reader(string settings) => new(new ConfigurationBuilder()
        .AddInMemoryCollection(settings.Split(';').Select(s => s.Split('=', 2)).Select(p => KeyValuePair.Create(p[0], (string?)p[1])))
        .Build());
}
