using DescribeFunction.PubSub;

namespace DescribeFunction.Doctor;

/// <summary>
/// The checks after the settings and the credentials, in the order a deployment needs them: Firestore and its
/// collection, the bucket, the describer, search's embedding endpoint and index, the topic, the budget documents.
/// </summary>
public static class DoctorChecks
{
    public static IEnumerable<DoctorCheck> All(DoctorClients clients, DoctorOptions options)
    {
        ArgumentNullException.ThrowIfNull(clients);
        ArgumentNullException.ThrowIfNull(options);
        var firestore = FirestoreChecks.Reachable(clients);
        yield return firestore;
        yield return FirestoreChecks.Writable(clients) with { Needs = [firestore.Title] };
        yield return Bucket(clients);
        yield return options.NoModelCall
            ? DoctorCheck.Skipped($"Describer {clients.Settings.Model.DescribeModel}", "not called (--no-model-call).")
            : EndpointChecks.Describer(clients);
        if (!clients.Settings.Embedding.EmbeddingsOn)
        {
            yield return DoctorCheck.Skipped("Embedding endpoint and vector index", "not checked, EMBEDDING_MODEL is not set (search is off).");
        }
        else
        {
            var vector = new float[clients.Settings.Embedding.EmbeddingDimensions];
            var embedding = EndpointChecks.Embedding(clients, vector);
            yield return embedding;
            yield return EndpointChecks.VectorIndex(clients, vector) with { Needs = [firestore.Title, embedding.Title] };
        }

        yield return Topic(clients);
        yield return BudgetCheck.Documents(clients) with { Needs = [firestore.Title] };
    }

    /// <summary>One page of one object: the listing the backfill makes, and what reading the bucket needs.</summary>
    public static DoctorCheck Bucket(DoctorClients clients)
    {
        ArgumentNullException.ThrowIfNull(clients);
        if (clients.Settings.Filter.TriggerBucket is not { Length: > 0 } bucket)
        {
            return DoctorCheck.Skipped("Trigger bucket", "not checked, TRIGGER_BUCKET is not set (the function describes any bucket its trigger delivers).");
        }

        return new DoctorCheck(
            $"Trigger bucket gs://{bucket}",
            $"check the name in TRIGGER_BUCKET, and grant the function's account roles/storage.objectViewer on gs://{bucket} (docs/security.md).",
            async ct =>
            {
                await using var pages = clients.Lister().ListAsync(bucket, prefix: null, matchGlob: null, ct).GetAsyncEnumerator(ct);
                var any = await pages.MoveNextAsync() && pages.Current.Count > 0;
                return any ? "readable (listed one object)." : "readable (it is empty).";
            });
    }

    /// <summary>The topic exists and the caller may publish to it.</summary>
    public static DoctorCheck Topic(DoctorClients clients)
    {
        ArgumentNullException.ThrowIfNull(clients);
        if (clients.Settings.Notices.NotifyTopic is not { } configured)
        {
            return DoctorCheck.Skipped("Notice topic", "not checked, NOTIFY_TOPIC is not set (no notices are published).");
        }

        var topic = TopicName.Resolve(configured, clients.ProjectId);
        var shortName = topic[(topic.LastIndexOf('/') + 1)..];
        var project = topic.Split('/')[1];
        return new DoctorCheck(
            $"Notice topic {topic}",
            $"check NOTIFY_TOPIC and that Pub/Sub answers at {clients.PubSubHost}.",
            async ct => await CheckTopicAsync(clients, topic, ct) switch
            {
                TopicAccess.Publishable => "exists, and this account may publish to it.",
                TopicAccess.Missing => throw new DoctorFailureException(
                    $"topic {topic} does not exist",
                    $"create it with `gcloud pubsub topics create {shortName} --project={project}` (or run deploy.sh), or correct NOTIFY_TOPIC."),
                _ => throw new DoctorFailureException(
                    "this account may not publish to it",
                    $"grant the function's account roles/pubsub.publisher on {topic} (docs/security.md)."),
            });
    }

    private static async Task<TopicAccess> CheckTopicAsync(DoctorClients clients, string topic, CancellationToken cancellationToken)
    {
        try
        {
            return await clients.PubSub().CheckTopicAsync(topic, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new DoctorFailureException($"no answer from {clients.PubSubHost} ({e.Message.TrimEnd('.')})", null, e);
        }
    }
}
