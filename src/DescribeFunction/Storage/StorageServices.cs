using DescribeFunction.Configuration;
using DescribeFunction.Describing;
using Google.Apis.Auth.OAuth2;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DescribeFunction.Storage;

public static class StorageServices
{
    /// <summary>The Cloud Storage reader: inline image bytes and the image headers strict budgets estimate from.</summary>
    public static IServiceCollection AddStorage(this IServiceCollection services, GoogleCloudSettings cloud, DeliverySettings delivery, ITokenAccess? credential)
    {
        ArgumentNullException.ThrowIfNull(cloud);
        ArgumentNullException.ThrowIfNull(delivery);
        services.TryAddSingleton(StorageObjectReader.Create(cloud.StorageEmulatorHost, credential, delivery.InlineImageMaxBytes));
        services.TryAddSingleton<IObjectBytes>(sp => sp.GetRequiredService<StorageObjectReader>());
        return services;
    }
}
