using DescribeFunction.Configuration;
using DescribeFunction.Describing;
using static DescribeFunction.Tests.Functions.DescribeImageFunctionTests;

namespace DescribeFunction.Tests.Describing;

/// <summary>The request for one object version, as IMAGE_DELIVERY says, with inline bytes read through the seam.</summary>
public class DescribeRequestsTests
{
    private sealed class RecordingObjects : IObjectBytes
    {
        public List<(string Bucket, string Name, long? Generation)> Reads { get; } = [];

        public Task<BinaryData> ReadAsync(string bucket, string objectName, long? generation, CancellationToken cancellationToken)
        {
            Reads.Add((bucket, objectName, generation));
            return Task.FromResult(BinaryData.FromBytes([1, 2, 3]));
        }
    }

    [Fact]
    public async Task ForAsync_GcsUri_NamesTheObjectAndReadsNothing()
    {
        var objects = new RecordingObjects();

        var request = await new DescribeRequests(new DeliverySettings(), objects).ForAsync(Event("trips/cat #1.jpg"), CancellationToken.None);

        Assert.Equal("gs://photos-bucket/trips/cat #1.jpg", request.GcsUri);
        Assert.Empty(objects.Reads);
    }

    [Fact]
    public async Task ForAsync_Inline_ReadsThatGenerationAndSendsTheTypeTheExtensionImplies()
    {
        var objects = new RecordingObjects();
        var requests = new DescribeRequests(new DeliverySettings { ImageDelivery = ImageDelivery.Inline }, objects);

        var request = await requests.ForAsync(Event("a.png", generation: 7, contentType: "application/octet-stream"), CancellationToken.None);

        Assert.Equal(("photos-bucket", "a.png", (long?)7), Assert.Single(objects.Reads));
        Assert.Equal(("image/png", 3), (request.MediaType, request.ImageBytes?.ToArray().Length));
    }
}
