namespace DescribeFunction.Configuration;

/// <summary>How the image reaches the model: by its <c>gs://</c> URL, or read by the function and sent inline.</summary>
public sealed record DeliverySettings
{
    /// <summary>The request size Vertex AI accepts, the ceiling for <see cref="InlineImageMaxBytes"/>.</summary>
    public const long MaxInlineRequestBytes = 20 * 1024 * 1024;

    public ImageDelivery ImageDelivery { get; init; } = ImageDelivery.GcsUri;

    /// <summary>
    /// The most bytes an image sent inline may have. Vertex AI takes at most 20 MB per request and base64 grows the
    /// bytes by a third, so the default leaves room for that and the prompt.
    /// </summary>
    public long InlineImageMaxBytes { get; init; } = 15 * 1024 * 1024;

    private static readonly Dictionary<string, ImageDelivery> DeliveryChoices = new()
    {
        ["gcs-uri"] = ImageDelivery.GcsUri,
        ["inline"] = ImageDelivery.Inline,
    };

    /// <summary>Reads the delivery settings; problems are reported through <paramref name="settings"/>.</summary>
    public static DeliverySettings Read(SettingsReader settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var defaults = new DeliverySettings();
        return new DeliverySettings
        {
            ImageDelivery = settings.GetChoice("IMAGE_DELIVERY", defaults.ImageDelivery, DeliveryChoices),
            InlineImageMaxBytes = settings.GetLong("INLINE_IMAGE_MAX_BYTES", defaults.InlineImageMaxBytes, 1, MaxInlineRequestBytes),
        };
    }
}

public enum ImageDelivery
{
    /// <summary>The model reads the object itself from its <c>gs://</c> URL.</summary>
    GcsUri,

    /// <summary>The function reads the bytes and sends them as a data URL.</summary>
    Inline,
}
