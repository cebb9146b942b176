namespace DescribeFunction.Configuration;

/// <summary>
/// The function's runtime settings. Keys are the environment-variable names of DESIGN.md section 3; they are read
/// from <c>function.yaml</c> and overridden by environment variables of the same name.
/// </summary>
public sealed class DescribeOptions
{
    /// <summary>Project for Vertex AI and Firestore; empty means ask the metadata server.</summary>
    public string? GoogleCloudProject { get; set; }

    public string VertexLocation { get; set; } = "global";

    public string DescribeModel { get; set; } = "google/gemini-3.8-flash";

    public string DescribePrompt { get; set; } = DefaultPrompt;

    /// <summary>Thinking tokens count against this cap, so it is generous.</summary>
    public int DescribeMaxOutputTokens { get; set; } = 8192;

    public float? DescribeTemperature { get; set; }

    /// <summary><c>minimal</c>, <c>low</c>, <c>medium</c> or <c>high</c>; empty leaves it to the model.</summary>
    public string? DescribeReasoningEffort { get; set; }

    /// <summary>Any OpenAI-compatible base URL instead of the derived Vertex one.</summary>
    public Uri? OpenAIBaseUrl { get; set; }

    /// <summary>A static key for non-Google endpoints; empty means Application Default Credentials.</summary>
    public string? OpenAIApiKey { get; set; }

    public ImageDelivery ImageDelivery { get; set; } = ImageDelivery.GcsUri;

    /// <summary>Cloud Storage JSON API base (for example <c>http://127.0.0.1:8683</c>) for inline reads.</summary>
    public string? StorageEmulatorHost { get; set; }

    /// <summary><c>host:port</c> of a Firestore emulator: plain HTTP with <c>Authorization: Bearer owner</c>.</summary>
    public string? FirestoreEmulatorHost { get; set; }

    public string FirestoreDatabase { get; set; } = "(default)";

    public string FirestoreCollection { get; set; } = "imageDescriptions";

    /// <summary><c>host[:port]</c> of the GCE metadata server; set locally to the stand-in, unset on Google Cloud.</summary>
    public string? MetadataHost { get; set; }

    /// <summary>How long one instance holds an object version before another may take it over (a crashed instance).</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(10);

    public bool ProgressiveWrites { get; set; }

    public TimeSpan ProgressiveInterval { get; set; } = TimeSpan.FromSeconds(1);

    public const string DefaultPrompt =
        "Describe this image for someone who cannot see it, in two to four sentences: the subject, the setting, " +
        "notable colours and any legible text. Plain prose, no preamble.";
}

public enum ImageDelivery
{
    /// <summary>The model reads the object itself from its <c>gs://</c> URL.</summary>
    GcsUri,

    /// <summary>The function reads the bytes and sends them as a data URL.</summary>
    Inline,
}
