using System.Net;
using System.Text.Json.Nodes;
using DescribeFunction.Local.Hosting;
using DescribeFunction.Store;
using DescribeFunction.Tests.Conformance;
using DescribeFunction.Tests.EndToEnd;

namespace DescribeFunction.Tests.Local.Gallery;

/// <summary>
/// The gallery reads documents only through Firestore REST, so it shows the same tiles whether the function writes to
/// the stand-in or to Google's official emulator (shared with the differential suite; each run has its own collection).
/// </summary>
[Collection(ConformanceServers.Name)]
public sealed class GalleryFirestoreBackendTests(ConformanceFixture servers)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    public static TheoryData<string> Backends => ["standin", "emulator"];

    [Theory]
    [MemberData(nameof(Backends))]
    public async Task Items_ShowTheFunctionsDocument_OnEitherFirestore(string backend)
    {
        var settings = new Dictionary<string, string?> { ["FIRESTORE_COLLECTION"] = "gallery-" + Guid.NewGuid().ToString("N")[..12] };
        await using var gallery = await GalleryWithFunction.StartAsync(settings, servers.Backend(backend));
        using var http = new HttpClient { Timeout = Deadline };
        const string name = "a/b %#?.png";
        using var body = new ByteArrayContent(DescribeEndToEndTests.Sample("blue-white-portrait.png"));
        body.Headers.ContentType = new("image/png");

        using var upload = await http.PostAsync(new Uri(gallery.Gallery.BaseAddress, "api/upload?name=" + Uri.EscapeDataString(name)), body);

        Assert.Equal(HttpStatusCode.OK, upload.StatusCode);
        JsonNode? item = null;
        await Waiting.WaitUntilAsync(
            () =>
            {
                var items = JsonNode.Parse(http.GetStringAsync(new Uri(gallery.Gallery.BaseAddress, "api/items")).GetAwaiter().GetResult())!.AsArray();
                item = items.SingleOrDefault(i => i!["name"]!.GetValue<string>() == name);
                return item?["status"]?.GetValue<string>() == DescriptionStatus.Done;
            },
            Deadline,
            $"the gallery to show {name} done on the {backend} Firestore");
        // Read by batchGet, as the gallery reads: the emulator decodes %2F in a document id in a GET's path.
        var read = await gallery.Stack.Documents.BatchGetAsync([(gallery.Stack.Collection, DocumentId.FromObjectName(name))], CancellationToken.None);
        var stored = Assert.Single(read)!.Fields;
        Assert.Equal(stored.GetString(DescriptionFields.Description), item!["document"]!["description"]!.GetValue<string>());
        Assert.Equal(stored.GetInt64(DescriptionFields.Generation), item["document"]!["generation"]!.GetValue<long>());
    }

    // The search box's ranking is findNearest through Firestore REST, so it ranks the same on either Firestore.
    [Theory]
    [MemberData(nameof(Backends))]
    public async Task Search_RanksByMeaningAndLike_OnEitherFirestore(string backend)
    {
        var settings = new Dictionary<string, string?>
        {
            ["FIRESTORE_COLLECTION"] = "gallery-" + Guid.NewGuid().ToString("N")[..12],
            ["EMBEDDING_MODEL"] = LocalEnvironment.DefaultEmbeddingModel,
        };
        await using var gallery = await GalleryWithFunction.StartAsync(settings, servers.Backend(backend));
        using var http = new HttpClient { Timeout = Deadline };
        string[] samples = ["blue-white-portrait.png", "sunset-landscape.jpg"];
        foreach (var sample in samples)
        {
            gallery.Environment.BucketStore.Put(LocalEnvironment.Bucket, sample, DescribeEndToEndTests.Sample(sample), sample.EndsWith(".png", StringComparison.Ordinal) ? "image/png" : "image/jpeg");
        }

        await Waiting.WaitUntilAsync(
            () => samples.All(s => gallery.Stack.GetDocumentAsync(s).GetAwaiter().GetResult()?.Fields.GetVector(DescriptionFields.Embedding) is not null),
            Deadline,
            $"both samples described and embedded on the {backend} Firestore");

        Assert.Equal(samples, await NamesAsync(http, new Uri(gallery.Gallery.BaseAddress, "api/search?q=" + Uri.EscapeDataString("blue and white"))));
        Assert.Equal([samples[0]], await NamesAsync(http, new Uri(gallery.Gallery.BaseAddress, "api/search?like=" + Uri.EscapeDataString(samples[1]))));
    }

    private static async Task<List<string>> NamesAsync(HttpClient http, Uri search)
    {
        using var response = await http.GetAsync(search);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return [.. JsonNode.Parse(body)!["results"]!.AsArray().Select(r => r!["name"]!.GetValue<string>())];
    }
}
