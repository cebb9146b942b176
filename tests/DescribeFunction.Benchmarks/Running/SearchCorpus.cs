using System.Globalization;
using DescribeFunction.Configuration;
using DescribeFunction.Describing;
using DescribeFunction.Embedding;
using DescribeFunction.Firestore;
using DescribeFunction.FirestoreStore;
using DescribeFunction.Local.Embedder;
using DescribeFunction.Store;

namespace DescribeFunction.Benchmarks.Running;

/// <summary>
/// A described collection for the search benchmark: varied descriptions in the prose a vision model writes (a
/// subject, a place, the light, details, colours), each stored as the function's final commit stores it (the claim's
/// fields, <c>DescriptionDocument.DoneFields</c>, <c>EmbeddingFields</c>) with the embedding stand-in's own vector for
/// its text. Written in batched commits rather than as events: only the search over them is measured.
/// </summary>
internal sealed class SearchCorpus
{
    /// <summary>Object names spread over this many prefixes (<c>p0/</c> …), so <c>--prefix p3/</c> keeps a tenth.</summary>
    public const int Prefixes = 10;

    /// <summary>A 768-dimension vector is about 30 KB of JSON; this keeps one commit near 3 MB, under Firestore's 10 MiB request limit.</summary>
    private const int DocumentsPerCommit = 100;

    private static readonly string[] Subjects =
    [
        "wooden sailboat", "fishing boat", "red sports car", "vintage bicycle", "golden retriever", "tabby cat",
        "bakery receipt", "cup of coffee", "mountain lake", "narrow city street", "white lighthouse", "wedding cake",
        "laptop on a desk", "child on a swing", "field of sunflowers", "snowy pine forest", "steam train",
        "fruit market stall", "birthday party table", "concert crowd", "kayak", "glass skyscraper", "horse in a paddock",
        "bowl of ramen", "stack of old books", "hot air balloon", "surfer on a wave", "grocery receipt",
        "old stone bridge", "bunch of tulips",
    ];

    private static readonly string[] Places =
    [
        "in a small harbour", "on a sandy beach", "in a city park", "on a busy street", "in a bright kitchen",
        "in an open-plan office", "on a mountain trail", "beside a slow river", "in a crowded market", "on a farm",
    ];

    private static readonly string[] Times =
    [
        "at dusk", "at night", "in the rain", "on a sunny morning", "in the snow", "under a cloudy sky",
        "at golden hour", "indoors under warm lamps",
    ];

    private static readonly string[] Details =
    [
        "Gulls circle overhead.", "A few people walk past in the background.", "Reflections shimmer on wet ground.",
        "The foreground is slightly out of focus.", "A handwritten sign leans against a wall.",
        "Steam rises from the surface.", "Long shadows stretch to the left.", "Printed text lists prices and a total.",
        "Leaves are scattered on the ground.", "Street lights glow in the distance.", "The sky is streaked with cloud.",
        "A dog sleeps near the edge of the frame.",
    ];

    private static readonly string[] Colours =
    [
        "orange and deep blue", "green and yellow", "grey and white", "red and black", "pink and purple",
        "brown and cream", "teal and gold", "muted blues",
    ];

    /// <summary>What readers ask for: phrases that share words with some descriptions and not with others.</summary>
    public static IReadOnlyList<string> Queries { get; } =
    [
        "boats at dusk", "a dog on the beach", "receipt from a bakery", "snowy forest at night", "red car in the rain",
        "sunflowers on a farm", "cat indoors", "train in the snow", "crowd at a concert", "coffee on a desk",
        "lighthouse under a cloudy sky", "ramen in a kitchen", "surfing at golden hour", "tulips in a market",
        "old bridge over a river", "balloon over the mountains",
    ];

    private readonly FunctionSettings _settings;
    private readonly string _describeModel;

    public SearchCorpus(FunctionSettings settings)
    {
        _settings = settings;
        _describeModel = settings.Model.DescribeModel;
    }

    /// <summary>The object name of the i-th image: <c>p{i mod 10}/img-{i}.jpg</c>.</summary>
    public static string ObjectName(int i) => $"p{i % Prefixes}/img-{i:D6}.jpg";

    /// <summary>The i-th description; the same for a given seed and index on every run.</summary>
    public static string Description(int seed, int i)
    {
        var random = new Random(HashCode.Combine(seed, i));
        string Pick(string[] words) => words[random.Next(words.Length)];
        var first = Pick(Details);
        var second = Pick(Details);
        return $"A {Pick(Subjects)} {Pick(Places)} {Pick(Times)}. {first} {(second == first ? "" : second + " ")}" +
            $"The main colours are {Pick(Colours)}, and the light is {(random.Next(2) == 0 ? "soft" : "harsh")}. " +
            $"The photo is {(random.Next(2) == 0 ? "a landscape" : "a portrait")} {random.Next(800, 4000)} by {random.Next(600, 3000)} pixels.";
    }

    /// <summary>Writes documents 0 … count-1 into the function's collection, a few commits at a time.</summary>
    /// <returns>Seconds taken and the mean description length in characters.</returns>
    public async Task<(double Seconds, double MeanCharacters)> SeedAsync(FirestoreClient documents, int count, int seed, CancellationToken cancellationToken)
    {
        var start = System.Diagnostics.Stopwatch.GetTimestamp();
        long characters = 0;
        var batches = Enumerable.Range(0, (count + DocumentsPerCommit - 1) / DocumentsPerCommit);
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = 2, CancellationToken = cancellationToken }, async (batch, ct) =>
        {
            var writes = new List<FirestoreWrite>(DocumentsPerCommit);
            for (var i = batch * DocumentsPerCommit; i < Math.Min(count, (batch + 1) * DocumentsPerCommit); i++)
            {
                var text = Description(seed, i);
                Interlocked.Add(ref characters, text.Length);
                writes.Add(Write(i, text));
            }

            await documents.CommitAsync(writes, ct);
        });
        return (System.Diagnostics.Stopwatch.GetElapsedTime(start).TotalSeconds, (double)characters / count);
    }

    private FirestoreWrite Write(int i, string text)
    {
        var name = ObjectName(i);
        var result = new DescriptionResult
        {
            Text = text,
            Model = _describeModel,
            FinishReason = "stop",
            InputTokens = 300,
            OutputTokens = MeaningVector.Words(text).Count(),
            Total = TimeSpan.FromSeconds(3),
            Chunks = 20,
        };
        var fields = DescriptionDocument.DoneFields(result, DescriberIdentity.From(_settings.Model))
            .Set(DescriptionFields.Bucket, "local-bucket")
            .Set(DescriptionFields.Name, name)
            .Set(DescriptionFields.GsUri, "gs://local-bucket/" + name)
            .Set(DescriptionFields.Generation, 1_700_000_000_000_000L + i)
            .Set(DescriptionFields.ContentType, "image/jpeg")
            .Set(DescriptionFields.Size, 200_000L + i)
            .Set(DescriptionFields.Attempts, 1L)
            .Set(DescriptionFields.EventId, "seed-" + i.ToString(CultureInfo.InvariantCulture));
        var vector = MeaningVector.Embed(text, _settings.Embedding.EmbeddingDimensions);
        EmbeddingFields.AddTo(fields, EmbeddingOutcome.Success(EmbedderIdentity.For(_settings.Embedding, text), new EmbeddingResult(vector, null)));
        return FirestoreWrite.Replace(_settings.Store.FirestoreCollection, DocumentId.FromObjectName(name), fields,
            serverTimestampFields: [DescriptionFields.CreatedAt, DescriptionFields.UpdatedAt]);
    }
}
