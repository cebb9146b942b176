using DescribeFunction.Configuration;
using DescribeFunction.Firestore;
using DescribeFunction.Spending.Grants;
using DescribeFunction.Store;
using Google.Apis.Auth.OAuth2;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DescribeFunction.FirestoreStore;

public static class FirestoreStoreServices
{
    /// <summary>
    /// The Firestore client and every store seam on it: descriptions, notices, embeddings, the usage ledger and the
    /// strict budget's allocation documents.
    /// </summary>
    public static IServiceCollection AddFirestoreStore(this IServiceCollection services, GoogleCloudSettings cloud, StoreSettings store, string projectId, ITokenAccess? credential)
    {
        ArgumentNullException.ThrowIfNull(cloud);
        ArgumentNullException.ThrowIfNull(store);
        services.TryAddSingleton(FirestoreClient.Create(projectId, store.FirestoreDatabase, cloud.FirestoreEmulatorHost, credential));
        services.TryAddSingleton<FirestoreDescriptionStore>();
        services.TryAddSingleton<IDescriptionStore>(sp => sp.GetRequiredService<FirestoreDescriptionStore>());
        services.TryAddSingleton<INoticeStore>(sp => sp.GetRequiredService<FirestoreDescriptionStore>());
        services.TryAddSingleton<IEmbeddingStore>(sp => sp.GetRequiredService<FirestoreDescriptionStore>());
        services.TryAddSingleton<IUsageLedger, FirestoreUsageLedger>();
        services.TryAddSingleton<IAllocationShards, FirestoreAllocationShards>();
        return services;
    }
}
