using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DescribeFunction.Reliability;

public static class ReliabilityServices
{
    /// <summary>
    /// The describer that retries within the deadline (each try one progressive model call), and the keep of answers
    /// whose final write failed: one per instance, since the redelivery it waits for may come to any delivery here.
    /// </summary>
    public static IServiceCollection AddReliability(this IServiceCollection services)
    {
        services.TryAddSingleton<ProgressiveDescriber>();
        services.TryAddSingleton<RetryingDescriber>();
        services.TryAddSingleton<UnsavedDescriptions>();
        return services;
    }
}
