using System.Buffers.Binary;
using System.Net;
using DescribeFunction.Configuration;
using DescribeFunction.Events;
using DescribeFunction.Spending.Grants;
using DescribeFunction.Storage;

namespace DescribeFunction.Tests.Spending.Grants;

/// <summary>A strict token budget's reservation: image tiles from the header, the prompt, and the whole output cap.</summary>
public sealed class TokenEstimatorTests
{
    /// <summary>300 characters at three a token, plus 200 for the framing.</summary>
    private const long PromptTokens = 100 + 200;
    private const int OutputCap = 1_000;

    internal static FunctionSettings Settings(int outputCap = OutputCap) =>
        new() { Model = new() { DescribePrompt = new string('p', 300), DescribeMaxOutputTokens = outputCap } };

    internal static StorageEvent Event { get; } = new(
        "e1", StorageEvent.Finalized, "//storage.googleapis.com/projects/_/buckets/photos", "objects/a.png", null,
        new StorageObjectData { Bucket = "photos", Name = "a.png", Generation = 7 });

    /// <summary>The first bytes of a PNG of the given size: signature and IHDR, as <c>ImageHeader</c> reads them.</summary>
    internal static byte[] PngHeader(int width, int height)
    {
        var bytes = new byte[33];
        new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }.CopyTo(bytes, 0);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(8), 13);
        "IHDR"u8.CopyTo(bytes.AsSpan(12));
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(16), width);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(20), height);
        return bytes;
    }

    internal static TokenEstimator Estimator(StorageHandler storage, FunctionSettings settings) =>
        new(new StorageObjectReader(new HttpClient(storage), new Uri("http://storage.test/"), null, 1 << 20), settings.Model);

    [Theory]
    [InlineData(384, 384)]
    [InlineData(1, 1)]
    [InlineData(200, 384)]
    public async Task EstimateAsync_AtMost384PxBothSides_CountsOneTileOf258(int width, int height)
    {
        var estimate = await Estimator(StorageHandler.Answering(PngHeader(width, height)), Settings()).EstimateAsync(Event, CancellationToken.None);

        Assert.Equal(258 + PromptTokens + OutputCap, estimate);
    }

    [Theory]
    [InlineData(385, 100, 1)]
    [InlineData(768, 768, 1)]
    [InlineData(769, 768, 2)]
    [InlineData(1600, 800, 3 * 2)]
    public async Task EstimateAsync_LargerImage_Counts258PerTileOf768(int width, int height, int tiles)
    {
        var estimate = await Estimator(StorageHandler.Answering(PngHeader(width, height)), Settings()).EstimateAsync(Event, CancellationToken.None);

        Assert.Equal((tiles * 258) + PromptTokens + OutputCap, estimate);
    }

    [Theory]
    [InlineData(4000, 3000)]
    [InlineData(40000, 40000)]
    public async Task EstimateAsync_HugeOrForgedSize_CountsAtMostWhatOneImageIsBilled(int width, int height)
    {
        var estimate = await Estimator(StorageHandler.Answering(PngHeader(width, height)), Settings()).EstimateAsync(Event, CancellationToken.None);

        Assert.Equal(2240 + PromptTokens + OutputCap, estimate);
    }

    [Fact]
    public async Task EstimateAsync_UnreadableHeader_AssumesTheMostOneImageIsBilled()
    {
        var estimate = await Estimator(StorageHandler.Answering("not an image, only some text"u8.ToArray()), Settings()).EstimateAsync(Event, CancellationToken.None);

        Assert.Equal(2240, TokenEstimator.UnknownImageTokens);
        Assert.Equal(TokenEstimator.UnknownImageTokens + PromptTokens + OutputCap, estimate);
    }

    [Theory]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.Forbidden)]
    public async Task EstimateAsync_StorageFails_AssumesTheMostOneImageIsBilled(HttpStatusCode status)
    {
        var estimate = await Estimator(StorageHandler.Failing(status), Settings()).EstimateAsync(Event, CancellationToken.None);

        Assert.Equal(TokenEstimator.UnknownImageTokens + PromptTokens + OutputCap, estimate);
    }

    [Fact]
    public async Task EstimateAsync_ReservesTheWholeOutputCap()
    {
        var storage = StorageHandler.Answering(PngHeader(100, 100));

        var small = await Estimator(storage, Settings(outputCap: 1_000)).EstimateAsync(Event, CancellationToken.None);
        var large = await Estimator(storage, Settings(outputCap: 65_535)).EstimateAsync(Event, CancellationToken.None);

        Assert.Equal(64_535, large - small);
    }

    [Fact]
    public async Task EstimateAsync_ReadsOnlyTheHeader_OfTheEventsGeneration()
    {
        var storage = StorageHandler.Answering(PngHeader(100, 100));

        await Estimator(storage, Settings()).EstimateAsync(Event, CancellationToken.None);

        var request = Assert.Single(storage.Requests);
        Assert.Equal("bytes=0-65535", request.Range);
        Assert.Contains("/b/photos/o/a.png?alt=media&generation=7", request.Uri, StringComparison.Ordinal);
    }

    /// <summary>Cloud Storage answering every read with the same bytes or the same failure.</summary>
    internal sealed class StorageHandler(HttpStatusCode status, byte[] body) : HttpMessageHandler
    {
        public List<(string Uri, string? Range)> Requests { get; } = [];

        public static StorageHandler Answering(byte[] head) => new(HttpStatusCode.PartialContent, head);

        public static StorageHandler Failing(HttpStatusCode status) => new(status, "{\"error\":{}}"u8.ToArray());

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            lock (Requests)
            {
                Requests.Add((request.RequestUri!.PathAndQuery, request.Headers.Range?.ToString()));
            }

            return Task.FromResult(new HttpResponseMessage(status) { Content = new ByteArrayContent(body) });
        }
    }
}
