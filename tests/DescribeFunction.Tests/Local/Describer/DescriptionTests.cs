using DescribeFunction.Local.Describer;

namespace DescribeFunction.Tests.Local.Describer;

public sealed class DescriptionTests(DescriberFixture fixture) : IClassFixture<DescriberFixture>
{
    [Fact]
    public async Task Sunset_ReportsLandscapeJpegWarmColoursAndExifCamera()
    {
        var text = await fixture.DescribeAsync("gs://samples/sunset-landscape.jpg");

        Assert.StartsWith("A landscape JPEG image, 640 by 400 pixels.", text, StringComparison.Ordinal);
        Assert.Contains("orange", text, StringComparison.Ordinal);
        Assert.Contains("It was taken with a Fictional Optics FO-35 Horizon camera on 21 June 2026 at 20:45.", text, StringComparison.Ordinal);
        Assert.EndsWith(DescriptionComposer.Signature, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PortraitPng_ReportsBlueAndWhiteAndNoCamera()
    {
        var text = await fixture.DescribeAsync("gs://samples/blue-white-portrait.png");

        Assert.StartsWith("A portrait PNG image, 300 by 480 pixels.", text, StringComparison.Ordinal);
        Assert.Contains("blue", text, StringComparison.Ordinal);
        Assert.Contains("white", text, StringComparison.Ordinal);
        Assert.DoesNotContain("taken", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SquareWebP_ReportsGreenAndYellow()
    {
        var text = await fixture.DescribeAsync("gs://samples/green-yellow-square.webp");

        Assert.StartsWith("A square WebP image, 256 by 256 pixels.", text, StringComparison.Ordinal);
        Assert.Contains("green", text, StringComparison.Ordinal);
        Assert.Contains("yellow", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SameImage_DescribedIdentically()
    {
        var first = await fixture.DescribeAsync("gs://samples/sunset-landscape.jpg");
        var second = await fixture.DescribeAsync("gs://samples/sunset-landscape.jpg");

        Assert.Equal(first, second);
    }

    [Fact]
    public async Task DataUrl_DescribesInlineBytes()
    {
        var bytes = await File.ReadAllBytesAsync(DescriberFixture.SamplePath("blue-white-portrait.png"));

        var text = await fixture.DescribeAsync("data:image/png;base64," + Convert.ToBase64String(bytes));

        Assert.StartsWith("A portrait PNG image, 300 by 480 pixels.", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Brightness_DarkAndBrightImagesNamedApart()
    {
        var dark = ImageAnalyzer.Analyze(SolidPng(new SkiaSharp.SKColor(10, 10, 40)))!;
        var bright = ImageAnalyzer.Analyze(SolidPng(new SkiaSharp.SKColor(250, 250, 250)))!;

        Assert.Contains("very dark", DescriptionComposer.Compose([dark]), StringComparison.Ordinal);
        Assert.Contains("very bright", DescriptionComposer.Compose([bright]), StringComparison.Ordinal);
        Assert.Equal(["white"], bright.DominantColors);
    }

    private static byte[] SolidPng(SkiaSharp.SKColor color)
    {
        using var bitmap = new SkiaSharp.SKBitmap(8, 8);
        bitmap.Erase(color);
        using var data = bitmap.Encode(SkiaSharp.SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }
}
