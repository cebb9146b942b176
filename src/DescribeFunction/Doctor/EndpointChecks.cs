using DescribeFunction.Embedding;
using DescribeFunction.Firestore;
using DescribeFunction.Search;
using DescribeFunction.Store;
using OpenAI.Chat;

namespace DescribeFunction.Doctor;

/// <summary>The describer answering a minimal call, and search's embedding endpoint and vector index.</summary>
public static class EndpointChecks
{
    /// <summary>The output the minimal call allows: an answer at all is what is checked, not its text.</summary>
    public const int MinimalOutputTokens = 16;

    /// <summary>A 1×1 white PNG: the describer is a vision model, and the local stand-in answers only with an image.</summary>
    private static readonly BinaryData OnePixel = BinaryData.FromBytes(Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4//8/AAX+Av4N70a4AAAAAElFTkSuQmCC"));

    public static DoctorCheck Describer(DoctorClients clients)
    {
        ArgumentNullException.ThrowIfNull(clients);
        var model = clients.Settings.Model;
        return new DoctorCheck(
            $"Describer {model.DescribeModel}",
            $"check DESCRIBE_MODEL and VERTEX_LOCATION (the model must be served there), that {clients.ChatHost} answers, and that the function's account has roles/aiplatform.user.",
            async ct =>
            {
                var chat = clients.Chat();
                ChatMessage[] messages = [new UserChatMessage(ChatMessageContentPart.CreateTextPart("Say OK."), ChatMessageContentPart.CreateImagePart(OnePixel, "image/png"))];
                await chat.CompleteChatAsync(messages, new ChatCompletionOptions { MaxOutputTokenCount = MinimalOutputTokens }, ct);
                return $"answers at {clients.ChatHost} (one minimal call: a 1×1 image, at most {MinimalOutputTokens} output tokens; skip it with --no-model-call).";
            });
    }

    /// <param name="vector">Filled with the answer, for <see cref="VectorIndex"/> to query with.</param>
    public static DoctorCheck Embedding(DoctorClients clients, float[] vector)
    {
        ArgumentNullException.ThrowIfNull(clients);
        ArgumentNullException.ThrowIfNull(vector);
        var embedding = clients.Settings.Embedding;
        return new DoctorCheck(
            $"Embedding model {embedding.EmbeddingModel}",
            $"check EMBEDDING_MODEL, EMBEDDING_LOCATION and EMBEDDING_BASE_URL, and that the function's account has roles/aiplatform.user.",
            async ct =>
            {
                var result = await clients.Embedder()!.EmbedAsync("doctor", EmbeddingTask.Query, ct);
                result.Vector.CopyTo(vector, 0);
                return $"answers with {result.Vector.Length} dimensions (EMBEDDING_DIMENSIONS).";
            });
    }

    /// <summary>A findNearest of limit 1, the query a search without prefilters makes; FAILED_PRECONDITION means no index.</summary>
    public static DoctorCheck VectorIndex(DoctorClients clients, float[] vector)
    {
        ArgumentNullException.ThrowIfNull(clients);
        ArgumentNullException.ThrowIfNull(vector);
        var settings = clients.Settings;
        var index = VectorIndexAdvice.Command(settings.Store, settings.Embedding, new SearchOptions { Query = "doctor" });
        return new DoctorCheck(
            $"Vector index on {settings.Store.FirestoreCollection}.embedding",
            $"create it with: {index}",
            async ct =>
            {
                var query = new NearestQuery(settings.Store.FirestoreCollection, DescriptionFields.Embedding, FirestoreVector.From(vector), 1)
                {
                    Select = [DescriptionFields.Name],
                };
                try
                {
                    var found = await clients.Firestore().FindNearestAsync(query, ct);
                    return found.Count > 0 ? "answers a nearest-neighbour query." : "answers a nearest-neighbour query (no embedded documents yet).";
                }
                catch (FirestoreException e) when (e.Status == FirestoreStatus.FailedPrecondition)
                {
                    throw new DoctorFailureException($"Firestore has no vector index of {settings.Embedding.EmbeddingDimensions} dimensions for search", null, e);
                }
            });
    }
}
