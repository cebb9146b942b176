using DescribeFunction.Configuration;
using DescribeFunction.Describing;

namespace DescribeFunction.Tests.Describing;

public sealed class VertexEndpointTests
{
    [Fact]
    public void Resolve_RegionalLocation_UsesRegionalHost()
    {
        var url = VertexEndpoint.Resolve(new DescribeOptions { VertexLocation = "us-central1" }, "my-project");

        Assert.Equal("https://us-central1-aiplatform.googleapis.com/v1/projects/my-project/locations/us-central1/endpoints/openapi", url.AbsoluteUri);
    }

    [Fact]
    public void Resolve_Global_UsesHostWithoutPrefix()
    {
        var url = VertexEndpoint.Resolve(new DescribeOptions(), "my-project");

        Assert.Equal("https://aiplatform.googleapis.com/v1/projects/my-project/locations/global/endpoints/openapi", url.AbsoluteUri);
    }

    [Fact]
    public void Resolve_FallsBackToTheConfiguredProject()
    {
        var url = VertexEndpoint.Resolve(new DescribeOptions { GoogleCloudProject = "from-settings" }, projectId: null);

        Assert.Contains("/projects/from-settings/", url.AbsoluteUri, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_BaseUrlSetting_WinsOverVertex()
    {
        var options = new DescribeOptions { OpenAIBaseUrl = new Uri("http://127.0.0.1:8682/v1"), VertexLocation = "Not Valid" };

        Assert.Equal(new Uri("http://127.0.0.1:8682/v1"), VertexEndpoint.Resolve(options, projectId: null));
    }

    [Theory]
    [InlineData("US-CENTRAL1")]
    [InlineData("us_central1")]
    [InlineData("us-central1/../x")]
    [InlineData("")]
    public void Resolve_InvalidLocation_NamesTheSetting(string location)
    {
        var ex = Assert.Throws<ArgumentException>(() => VertexEndpoint.Resolve(new DescribeOptions { VertexLocation = location }, "p-1"));

        Assert.StartsWith("VERTEX_LOCATION must be lowercase letters, digits and hyphens", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_NoProject_NamesTheSetting()
    {
        var ex = Assert.Throws<ArgumentException>(() => VertexEndpoint.Resolve(new DescribeOptions(), projectId: null));

        Assert.StartsWith("GOOGLE_CLOUD_PROJECT is required", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_MalformedProject_NamesTheSetting()
    {
        var ex = Assert.Throws<ArgumentException>(() => VertexEndpoint.Resolve(new DescribeOptions(), "a/b"));

        Assert.StartsWith("GOOGLE_CLOUD_PROJECT must be a project id", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ftp://example.com/v1")]
    [InlineData("relative/path")]
    public void Resolve_NonHttpBaseUrl_NamesTheSetting(string baseUrl)
    {
        var options = new DescribeOptions { OpenAIBaseUrl = new Uri(baseUrl, UriKind.RelativeOrAbsolute) };

        var ex = Assert.Throws<ArgumentException>(() => VertexEndpoint.Resolve(options, "p"));

        Assert.StartsWith("OPENAI_BASE_URL must be an absolute http or https URL", ex.Message, StringComparison.Ordinal);
    }
}
