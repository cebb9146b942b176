using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DescribeFunction.Admission;

public static class AdmissionServices
{
    /// <summary>What one instance takes on at once: the describe slots and, for inline delivery, the image bytes.</summary>
    public static IServiceCollection AddAdmission(this IServiceCollection services)
    {
        services.TryAddSingleton<DescribeSlots>();
        services.TryAddSingleton<InlineByteBudget>();
        return services;
    }
}
