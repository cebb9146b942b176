using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DescribeFunction.Reliability;

public static class ReliabilityServices
{
    /// <summary>The describer that retries within the deadline and keeps answers whose final write failed.</summary>
    public static IServiceCollection AddReliability(this IServiceCollection services)
    {
        services.TryAddSingleton<RetryingDescriber>();
        return services;
    }
}
