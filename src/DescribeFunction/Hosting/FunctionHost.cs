namespace DescribeFunction.Hosting;

public static class FunctionHost
{
    public static WebApplication Create(string[] args)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        return builder.Build();
    }
}
