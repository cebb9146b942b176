using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DescribeFunction.Configuration;

public static class SettingsServices
{
    /// <summary>Each topic's record on its own, so a component asks for exactly the records it reads.</summary>
    public static IServiceCollection AddSettings(this IServiceCollection services, FunctionSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        services.TryAddSingleton(settings);
        services.TryAddSingleton(settings.Cloud);
        services.TryAddSingleton(settings.Model);
        services.TryAddSingleton(settings.Delivery);
        services.TryAddSingleton(settings.Filter);
        services.TryAddSingleton(settings.Store);
        services.TryAddSingleton(settings.Notices);
        services.TryAddSingleton(settings.Reliability);
        services.TryAddSingleton(settings.Admission);
        services.TryAddSingleton(settings.Spend);
        services.TryAddSingleton(settings.Ledger);
        services.TryAddSingleton(settings.Embedding);
        services.TryAddSingleton(settings.Task);
        return services;
    }
}
