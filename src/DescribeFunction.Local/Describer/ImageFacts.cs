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

    /// <summary>The camera as people name it: the model, prefixed by the make unless the model already says it.</summary>
    public string? Device => (Make, Model) switch
    {
        (null, null) => null,
        ({ } make, { } model) when model.StartsWith(make, StringComparison.OrdinalIgnoreCase) => model,
        ({ } make, { } model) => $"{make} {model}",
        ({ } make, null) => make,
        (null, { } model) => model,
    };
}
