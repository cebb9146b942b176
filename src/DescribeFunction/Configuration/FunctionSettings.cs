using DescribeFunction.Describing.Structured;

namespace DescribeFunction.Configuration;

/// <summary>
/// The function's runtime settings. Keys are the environment-variable names listed in the README; they are read
/// from <c>function.yaml</c> and overridden by environment variables of the same name.
/// </summary>
public sealed partial class FunctionSettings
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

    /// <summary><c>text</c> (prose only) or <c>structured</c> (a JSON object validated against <see cref="DescribeSchema"/>).</summary>
    public DescribeOutput DescribeOutput { get; set; } = DescribeOutput.Text;

    /// <summary>In structured mode the schema sent as <c>response_format</c>: the default or the <c>DESCRIBE_SCHEMA</c> file; null in text mode.</summary>
    public StructuredSchema? DescribeSchema { get; set; }

    /// <summary>Cloud Storage JSON API base (for example <c>http://127.0.0.1:8683/</c>) instead of Google's; ends in <c>/</c>.</summary>
    public Uri? StorageEmulatorHost { get; set; }

    /// <summary>
    /// The most bytes an image sent inline may have. Vertex AI takes at most 20 MB per request and base64 grows the
    /// bytes by a third, so the default leaves room for that and the prompt.
    /// </summary>
    public long InlineImageMaxBytes { get; set; } = 15 * 1024 * 1024;

    /// <summary>The request size Vertex AI accepts, the ceiling for <see cref="InlineImageMaxBytes"/>.</summary>
    public const long MaxInlineRequestBytes = 20 * 1024 * 1024;

    /// <summary><c>host:port</c> of a Firestore emulator: plain HTTP with <c>Authorization: Bearer owner</c>.</summary>
    public string? FirestoreEmulatorHost { get; set; }

    public string FirestoreDatabase { get; set; } = "(default)";

    public string FirestoreCollection { get; set; } = "imageDescriptions";

    /// <summary><c>host[:port]</c> of the GCE metadata server; set locally to the stand-in, unset on Google Cloud.</summary>
    public string? MetadataHost { get; set; }

    /// <summary>
    /// How long a claim on an object version lasts without renewal. The worker renews it every third of this while
    /// it works, so a crashed instance's version can be taken over soon after.
    /// </summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The in-process retry budget of one delivery, well under the 540 s limit of event functions.</summary>
    public TimeSpan DescribeDeadline { get; set; } = TimeSpan.FromSeconds(240);

    /// <summary>Deliveries that may try one object version before a still-failing version is recorded as failed.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>How long a duplicate delivery waits for the instance holding the lease to finish, or for the lease to lapse.</summary>
    public TimeSpan DuplicateWait { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Only objects in this bucket are described; empty means any bucket the trigger delivers.</summary>
    public string? TriggerBucket { get; set; }

    /// <summary>Content types to describe (<c>application/octet-stream</c> is decided by the file extension).</summary>
    public IReadOnlyList<string> ImageContentTypes { get; set; } = ["image/png", "image/jpeg", "image/webp", "image/heic", "image/heif"];

    /// <summary>Name globs or prefixes to describe; empty means every name.</summary>
    public IReadOnlyList<string> IncludeNames { get; set; } = [];

    /// <summary>Name globs or prefixes never to describe.</summary>
    public IReadOnlyList<string> ExcludeNames { get; set; } = [];

    /// <summary>Objects larger than this are recorded as failed without calling the model.</summary>
    public long MaxObjectBytes { get; set; } = 20 * 1024 * 1024;

    /// <summary>What a <c>deleted</c> event does to the stored document of that generation.</summary>
    public DeletePolicy OnDelete { get; set; } = DeletePolicy.Keep;

    public bool ProgressiveWrites { get; set; }

    /// <summary>The usage ledger: one document per UTC day and model, its counters in <see cref="UsageShards"/> shards.</summary>
    public string FirestoreUsageCollection { get; set; } = "describeUsage";

    /// <summary>
    /// Shard documents per day and model. Each described image writes one shard, so the ledger stays under
    /// Firestore's sustained one write per second per document up to about this many images per second.
    /// </summary>
    public int UsageShards { get; set; } = 10;

    /// <summary>Images the function may describe per UTC day and model; null is unlimited, 0 defers everything.</summary>
    public long? DailyImageBudget { get; set; }

    /// <summary>Input plus output tokens per UTC day and model; null is unlimited.</summary>
    public long? DailyTokenBudget { get; set; }

    /// <summary>How stale this instance's reading of the day's usage may get before the ledger is read again.</summary>
    public TimeSpan BudgetRefresh { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Describes one instance runs at once; beyond it an event is answered 429 at once.</summary>
    public int MaxConcurrentDescribes { get; set; } = 32;

    public TimeSpan ProgressiveInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The Pub/Sub topic that gets one notice per finished version: <c>projects/P/topics/T</c>, or a topic id in the
    /// function's project; null turns notices off.
    /// </summary>
    public string? NotifyTopic { get; set; }

    /// <summary>The final statuses that owe a notice: any of <c>done</c>, <c>failed</c>, <c>deferred</c>.</summary>
    public IReadOnlyList<string> NotifyOn { get; set; } = ["done", "failed"];

    /// <summary><c>host:port</c> of a Pub/Sub emulator: plain HTTP, no token (the variable Google's libraries read).</summary>
    public string? PubSubEmulatorHost { get; set; }

    public const string DefaultPrompt =
        "Describe this image for someone who cannot see it, in two to four sentences: the subject, the setting, " +
        "notable colours and any legible text. Plain prose, no preamble.";
}

public enum DeletePolicy
{
    /// <summary>Leave the description as it is.</summary>
    Keep,

    /// <summary>Keep it, with <c>deleted: true</c> and <c>deletedAt</c>.</summary>
    Mark,

    /// <summary>Delete the document.</summary>
    Delete,
}

public enum DescribeOutput
{
    /// <summary>Prose only, as the model streams it.</summary>
    Text,

    /// <summary>A JSON object (description, alt text, labels, …) requested through <c>response_format</c>.</summary>
    Structured,
}

public enum ImageDelivery
{
    /// <summary>The model reads the object itself from its <c>gs://</c> URL.</summary>
    GcsUri,

    /// <summary>The function reads the bytes and sends them as a data URL.</summary>
    Inline,
}
