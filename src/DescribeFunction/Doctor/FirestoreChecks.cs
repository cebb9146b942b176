using DescribeFunction.Firestore;

namespace DescribeFunction.Doctor;

/// <summary>Firestore answering with the database there, and the collection taking a write and a delete.</summary>
public static class FirestoreChecks
{
    /// <summary>The prefix of the scratch documents, never an object's document id (those are encoded names).</summary>
    public const string ScratchPrefix = "doctor-scratch-";

    /// <summary>A batchGet of a document that does not exist: no document is read, but a missing database is NOT_FOUND.</summary>
    public static DoctorCheck Reachable(DoctorClients clients)
    {
        ArgumentNullException.ThrowIfNull(clients);
        var store = clients.Settings.Store;
        var database = $"Firestore database {store.FirestoreDatabase} of {clients.ProjectId}";
        return new DoctorCheck(
            database,
            $"check that Firestore answers at {clients.FirestoreHost} (FIRESTORE_EMULATOR_HOST locally) and that the function's account has roles/datastore.user.",
            async ct =>
            {
                try
                {
                    await clients.Firestore().BatchGetAsync([(store.FirestoreCollection, ScratchPrefix + "probe")], ct);
                    return $"answers at {clients.FirestoreHost}.";
                }
                catch (FirestoreException e) when (e.Status == FirestoreStatus.NotFound)
                {
                    throw new DoctorFailureException(
                        $"the database {store.FirestoreDatabase} does not exist in project {clients.ProjectId}",
                        $"create it with `gcloud firestore databases create --database={store.FirestoreDatabase} --location=LOCATION --project={clients.ProjectId}` (or run deploy.sh), or correct FIRESTORE_DATABASE.",
                        e);
                }
                catch (FirestoreException e) when (e.Status == FirestoreStatus.Unavailable)
                {
                    throw new DoctorFailureException($"no answer from {clients.FirestoreHost}", null, e);
                }
            });
    }

    /// <summary>A scratch document written and deleted again, as the function writes its descriptions.</summary>
    public static DoctorCheck Writable(DoctorClients clients)
    {
        ArgumentNullException.ThrowIfNull(clients);
        var collection = clients.Settings.Store.FirestoreCollection;
        return new DoctorCheck(
            $"Collection {collection}",
            "grant the function's account roles/datastore.user, and check FIRESTORE_COLLECTION.",
            async ct =>
            {
                var firestore = clients.Firestore();
                var id = ScratchPrefix + Guid.NewGuid().ToString("N")[..12];
                var fields = new DocumentFields().Set("doctor", "a scratch document of DescribeFunction doctor, deleted at once");
                await firestore.CommitAsync([FirestoreWrite.Replace(collection, id, fields)], ct);
                await firestore.CommitAsync([FirestoreWrite.Delete(collection, id)], ct);
                return $"writable (wrote and deleted {collection}/{id}).";
            });
    }
}
