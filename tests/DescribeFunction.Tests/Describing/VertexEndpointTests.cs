using DescribeFunction.Configuration;
using DescribeFunction.Describing;

namespace DescribeFunction.Tests.Describing;

public sealed class VertexEndpointTests
{
    [Fact]
    public void Resolve_RegionalLocation_UsesRegionalHost()
    {
        var url = VertexEndpoint.Resolve(new ModelSettings { VertexLocation = "us-central1" }, "my-project");

        Assert.Equal("https://us-central1-aiplatform.googleapis.com/v1/projects/my-project/locations/us-central1/endpoints/openapi", url.AbsoluteUri);
    }

    [Fact]
    public void Resolve_Global_UsesHostWithoutPrefix()
    {
        var url = VertexEndpoint.Resolve(new ModelSettings(), "my-project");

        Assert.Equal("https://aiplatform.googleapis.com/v1/projects/my-project/locations/global/endpoints/openapi", url.AbsoluteUri);
    }

    [Fact]
    public void Resolve_BaseUrlSetting_WinsOverVertex()
    {
        var options = new FunctionSettings { Model = new() { OpenAIBaseUrl = new Uri("http://127.0.0.1:8682/v1"), VertexLocation = "Not Valid" } };

        Assert.Equal(new Uri("http://127.0.0.1:8682/v1"), VertexEndpoint.Resolve(options.Model, projectId: null));
    }

    [Fact]
    public void Resolve_NoProject_NamesTheSetting()
    {
        var ex = Assert.Throws<ArgumentException>(() => VertexEndpoint.Resolve(new ModelSettings(), projectId: null));

        Assert.StartsWith("GOOGLE_CLOUD_PROJECT is required", ex.Message, StringComparison.Ordinal);
    }
}
