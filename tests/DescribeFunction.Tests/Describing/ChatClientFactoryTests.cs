using DescribeFunction.Configuration;
using DescribeFunction.Describing;

namespace DescribeFunction.Tests.Describing;

public sealed class ChatClientFactoryTests
{
    [Fact]
    public void Create_WithoutKeyOrCredential_SaysWhatIsMissing()
    {
        var ex = Assert.Throws<ArgumentNullException>(() => ChatClientFactory.Create(new ModelSettings(), "p", tokenAccess: null));

        Assert.Contains("OPENAI_API_KEY", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_WithApiKey_NeedsNoCredential()
    {
        Assert.NotNull(ChatClientFactory.Create(new ModelSettings { OpenAIApiKey = "k" }, "p", tokenAccess: null));
    }

    [Fact]
    public void Create_DoesNotFetchATokenUpFront()
    {
        var tokens = new FakeTokenAccess();

        ChatClientFactory.Create(new ModelSettings(), "p", tokens);

        Assert.Equal(0, tokens.Calls);
    }
}
