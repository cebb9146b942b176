namespace DescribeFunction.Tests;

public class SmokeTest
{
    [Fact]
    public void Create_BuildsHost() => Assert.NotNull(DescribeFunction.Hosting.FunctionHost.Create([]));
}
