using DescribeFunction.Tests.Infrastructure;

namespace DescribeFunction.Tests.Backfill;

/// <summary>
/// The headline: a bucket of 2,000 objects (images under several prefixes, non-images, an oversized image, awkward
/// names), a dry run, a real run and a second run, against the stand-ins over real HTTP.
/// </summary>
public sealed class BackfillBucketTests : IAsyncLifetime
{
    private const int Objects = 2000;
    private const int OversizedIndex = 2;
    private static readonly string[] Prefixes = ["photos/2024/", "photos/2025/", "scans/", "", "deep/a/b/c/"];
    private static readonly string[] AwkwardStems =
        ["with space #1", "percent%20name", "ünïcode/名前", "__reserved__", "a//double-slash", "question?mark", "plus+sign", "emoji 😀", "[brackets]", "*star*"];

    private BackfillHarness _harness = null!;
    private readonly List<string> _images = [];
    private readonly List<string> _others = [];
    private string _oversized = "";

    public async Task InitializeAsync()
    {
        _harness = await BackfillHarness.StartAsync();
        _harness.Settings["MAX_OBJECT_BYTES"] = "40000";
        for (var i = 0; i < Objects; i++)
        {
            var prefix = Prefixes[i % Prefixes.Length];
            switch (i % 5)
            {
                case 0 or 1 or 2:
                    var stem = i < AwkwardStems.Length * 3 && i % 3 == 0 ? prefix + AwkwardStems[i / 3] : $"{prefix}img-{i:D4}";
                    _images.Add(_harness.PutImage(stem, i, padding: i == OversizedIndex ? 50_000 : 0));
                    break;
                case 3:
                    _others.Add(_harness.Put($"{prefix}notes-{i:D4}.txt", "not an image", "text/plain").Name);
                    break;
                default:
                    _others.Add(_harness.Put($"{prefix}blob-{i:D4}.bin", "bytes", "application/octet-stream").Name);
                    break;
            }
        }

        _oversized = _images[2];
    }

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task Backfill_DescribesExactlyTheImagesOnce_SecondRunCallsNothing_DryRunCountsMatch()
    {
        var describable = _images.Where(n => n != _oversized).ToList();

        var dry = await _harness.RunAsync("--dry-run");
        Assert.Equal(0, _harness.Describer.RequestCount);
        Assert.All(await _harness.DocumentsAsync([.. _images, .. _others]), Assert.Null);

        var first = await _harness.RunAsync();
        var calls = _harness.CallsByObject();
        var second = await _harness.RunAsync();

        Assert.Equal((0, 0, 0), (dry.ExitCode, first.ExitCode, second.ExitCode));
        // One model call per image, none for anything else (the oversized image is recorded failed without one).
        Assert.Equal(describable.Order(StringComparer.Ordinal), calls.Keys.Order(StringComparer.Ordinal));
        Assert.All(calls.Values, n => Assert.Equal(1, n));
        Assert.Equal(describable.Count, _harness.Describer.RequestCount);
        Assert.Equal((Objects, describable.Count, 1L, _others.Count), (first.Count("listed"), first.Count("described"), first.Count("recordedFailed"), (int)first.Count("filtered")));
        // The dry run said so beforehand.
        Assert.Equal(first.Count("described") + first.Count("recordedFailed"), dry.Count("toDescribe"));
        Assert.Equal(first.Count("filtered"), dry.Count("filtered"));
        Assert.Equal(describable.Count * 258L, dry.Count("estimatedInputTokens"));
        Assert.Equal(0, dry.Count("unknownSize"));
        // The second run found everything finished.
        Assert.Equal((0L, describable.Count, 1L), (second.Count("described"), second.Count("upToDate"), second.Count("previouslyFailed")));

        var documents = await _harness.DocumentsAsync(_images);
        Assert.All(documents.Zip(_images), pair =>
        {
            var (document, name) = pair;
            Assert.NotNull(document);
            Assert.Equal(name, document.Fields.GetString("name"));
            if (name == _oversized)
            {
                Assert.Equal(("failed", "image-too-large"), (document.Fields.GetString("status"), document.Fields.GetMap("error")?.GetString("code")));
                return;
            }

            Assert.Equal("done", document.Fields.GetString("status"));
            Assert.Equal("google/gemini-3.8-flash", document.Fields.GetMap("describer")?.GetString("model"));
            Assert.Matches("^[0-9a-f]{64}$", document.Fields.GetMap("describer")?.GetString("promptHash"));
        });
        Assert.All(await _harness.DocumentsAsync(_others), Assert.Null);
    }
}
