using DescribeFunction.ImageHeaders;

namespace DescribeFunction.Tests.ImageHeaders;

public class ImageHeaderTests
{
    private static byte[] Sample(string file) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Samples", file));

    [Theory]
    [InlineData("blue-white-portrait.png", 300, 480)]
    [InlineData("green-yellow-square.webp", 256, 256)]
    [InlineData("sunset-landscape.jpg", 640, 400)]
    public void TryReadSize_BundledSamples(string file, int width, int height) =>
        Assert.Equal((width, height), ImageHeader.TryReadSize(Sample(file)));

    [Fact]
    public void TryReadSize_NotAnImage_IsNull() =>
        Assert.Null(ImageHeader.TryReadSize("just some text, long enough to look at"u8));

    [Theory]
    [InlineData(384, 384, 258)]
    [InlineData(100, 20, 258)]
    [InlineData(385, 100, 258)]
    [InlineData(768, 769, 516)]
    [InlineData(2304, 1536, 3 * 2 * 258)]
    [InlineData(4000, 3000, 2240)]
    [InlineData(40000, 40000, 2240)]
    public void Estimate_SmallImagesAreOneTile_LargerOnesArePerTile_UpToWhatOneImageIsBilled(int width, int height, long tokens) =>
        Assert.Equal(tokens, ImageTokens.Estimate(width, height));
}
