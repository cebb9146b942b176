using System.ClientModel;
using DescribeFunction.Describing;

namespace DescribeFunction.Tests.Describing;

/// <summary>The one choice between <c>OPENAI_API_KEY</c> and a Google token that the chat and embedding clients share.</summary>
public sealed class OpenAIAuthenticationTests
{
    [Fact]
    public void CreateClient_WithApiKey_UsesTheKeyAndNoToken()
    {
        var tokens = new FakeTokenAccess();

        var built = OpenAIAuthentication.CreateClient("k", tokens, key => (object)key, policy => policy);

        var key = Assert.IsType<ApiKeyCredential>(built);
        key.Deconstruct(out var value);
        Assert.Equal("k", value);
        Assert.Equal(0, tokens.Calls);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void CreateClient_WithoutApiKey_UsesTheGoogleBearerPolicy(string? apiKey)
    {
        var tokens = new FakeTokenAccess();

        var built = OpenAIAuthentication.CreateClient(apiKey, tokens, key => (object)key, policy => policy);

        Assert.IsType<GoogleBearerTokenPolicy>(built);
        Assert.Equal(0, tokens.Calls);
    }

    [Fact]
    public void CreateClient_WithNeither_BuildsNothing_SoTheCallerNamesWhatIsMissing()
    {
        var built = OpenAIAuthentication.CreateClient<object>(null, null, _ => throw new InvalidOperationException(), _ => throw new InvalidOperationException());

        Assert.Null(built);
    }
}
