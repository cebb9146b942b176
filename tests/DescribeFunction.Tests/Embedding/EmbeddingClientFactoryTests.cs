using DescribeFunction.Configuration;
using DescribeFunction.Embedding;
using DescribeFunction.Tests.Describing;

namespace DescribeFunction.Tests.Embedding;

/// <summary>Which credential each <c>EMBEDDING_API</c> needs, and the one sentence when it is missing.</summary>
public sealed class EmbeddingClientFactoryTests
{
    private static readonly EmbeddingSettings OpenAI = new() { EmbeddingModel = "text-embedding-005", EmbeddingApi = EmbeddingApi.OpenAI };

    [Fact]
    public void Create_OpenAIWithoutKeyOrCredential_SaysWhatIsMissing()
    {
        var ex = Assert.Throws<InvalidSettingsException>(() => EmbeddingClientFactory.Create(OpenAI, new ModelSettings(), "p", credential: null));

        Assert.Equal("EMBEDDING_API=openai without OPENAI_API_KEY needs Google credentials, but none were loaded.", ex.Message);
    }

    [Fact]
    public void Create_OpenAIWithApiKey_NeedsNoCredential()
    {
        Assert.IsType<OpenAIEmbeddingClient>(EmbeddingClientFactory.Create(OpenAI, new ModelSettings { OpenAIApiKey = "k" }, "p", credential: null));
    }

    [Fact]
    public void Create_OpenAIWithCredential_DoesNotFetchATokenUpFront()
    {
        var tokens = new FakeTokenAccess();

        Assert.IsType<OpenAIEmbeddingClient>(EmbeddingClientFactory.Create(OpenAI, new ModelSettings(), "p", tokens));
        Assert.Equal(0, tokens.Calls);
    }

    [Fact]
    public void Create_VertexWithoutCredential_SaysWhatIsMissing()
    {
        var settings = OpenAI with { EmbeddingApi = EmbeddingApi.Vertex };

        var ex = Assert.Throws<InvalidSettingsException>(() => EmbeddingClientFactory.Create(settings, new ModelSettings { OpenAIApiKey = "k" }, "p", credential: null));

        Assert.Equal("EMBEDDING_API=vertex needs Google credentials, but none were loaded.", ex.Message);
    }
}
