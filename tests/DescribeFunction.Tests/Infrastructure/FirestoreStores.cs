using DescribeFunction.Configuration;
using DescribeFunction.Firestore;
using DescribeFunction.FirestoreStore;

namespace DescribeFunction.Tests.Infrastructure;

/// <summary>The Firestore store on a client, with each topic's settings taken from one <see cref="FunctionSettings"/>.</summary>
internal static class FirestoreStores
{
    public static FirestoreDescriptionStore Create(FirestoreClient client, FunctionSettings settings, TimeProvider clock) =>
        new(client, settings.Store, settings.Reliability, settings.Filter, settings.Model, settings.Ledger, settings.Embedding, settings.Notices, clock);
}
