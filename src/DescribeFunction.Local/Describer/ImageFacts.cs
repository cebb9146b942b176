namespace DescribeFunction.Local.Describer;

/// <summary>What the describer found in one image; everything it says comes from here.</summary>
internal sealed record ImageFacts(
    string Format,
    int Width,
    int Height,
    int FrameCount,
    IReadOnlyList<string> DominantColors,
    double MeanLuma,
    double TransparentShare,
    CameraFacts Camera)
{
    public string Orientation => Width > Height ? "landscape" : Width < Height ? "portrait" : "square";
}

/// <summary>EXIF facts; any of them may be missing.</summary>
internal sealed record CameraFacts(string? Make, string? Model, DateTime? Taken)
{
    public static CameraFacts None { get; } = new(null, null, null);
}
