using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DescribeFunction.Filtering;

public static class FilteringServices
{
    /// <summary>What is ours to describe: the <see cref="ImageFilter"/> over <c>FilterSettings</c>.</summary>
    public static IServiceCollection AddFiltering(this IServiceCollection services)
    {
        services.TryAddSingleton<ImageFilter>();
        return services;
    }
}
