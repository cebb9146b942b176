namespace DescribeFunction.Configuration;

/// <summary>
/// The function's runtime settings, plain values fixed once read (<c>init</c> only). Keys are the environment-variable names listed in the README; they are read
/// from <c>function.yaml</c> and overridden by environment variables of the same name.
/// </summary>
public sealed partial class FunctionSettings
{
    /// <summary>Project for Vertex AI and Firestore; empty means ask the metadata server.</summary>
    public string? GoogleCloudProject { get; init; }

    public string VertexLocation { get; init; } = "global";

    public string DescribeModel { get; init; } = "google/gemini-3.8-flash";

    public string DescribePrompt { get; init; } = DefaultPrompt;

    /// <summary>Thinking tokens count against this cap, so it is generous.</summary>
    public int DescribeMaxOutputTokens { get; init; } = 8192;

    public float? DescribeTemperature { get; init; }

    /// <summary><c>minimal</c>, <c>low</c>, <c>medium</c> or <c>high</c>; empty leaves it to the model.</summary>
    public string? DescribeReasoningEffort { get; init; }

    /// <summary>Any OpenAI-compatible base URL instead of the derived Vertex one.</summary>
    public Uri? OpenAIBaseUrl { get; init; }

    /// <summary>A static key for non-Google endpoints; empty means Application Default Credentials.</summary>
    public string? OpenAIApiKey { get; init; }

    public ImageDelivery ImageDelivery { get; init; } = ImageDelivery.GcsUri;

    /// <summary><c>text</c> (prose only) or <c>structured</c> (a JSON object validated against a JSON Schema).</summary>
    public DescribeOutput DescribeOutput { get; init; } = DescribeOutput.Text;

    /// <summary>
    /// In structured mode, the full path of the <c>DESCRIBE_SCHEMA</c> file (resolved against the settings file's
    /// folder); null for the default schema. The structured-output code loads and checks it.
    /// </summary>
    public string? DescribeSchemaPath { get; init; }

    /// <summary>Cloud Storage JSON API base (for example <c>http://127.0.0.1:8683/</c>) instead of Google's; ends in <c>/</c>.</summary>
    public Uri? StorageEmulatorHost { get; init; }

    /// <summary>
    /// The most bytes an image sent inline may have. Vertex AI takes at most 20 MB per request and base64 grows the
    /// bytes by a third, so the default leaves room for that and the prompt.
    /// </summary>
    public long InlineImageMaxBytes { get; init; } = 15 * 1024 * 1024;

    /// <summary>
    /// With inline delivery, the bytes of images one instance may hold at once; beyond it an event is answered 429.
    /// Null: half of what the GC may use (75 % of the container's memory limit by default).
    /// </summary>
    public long? InlineBytesInFlight { get; init; }

    /// <summary>The request size Vertex AI accepts, the ceiling for <see cref="InlineImageMaxBytes"/>.</summary>
    public const long MaxInlineRequestBytes = 20 * 1024 * 1024;

    /// <summary><c>host:port</c> of a Firestore emulator: plain HTTP with <c>Authorization: Bearer owner</c>.</summary>
    public string? FirestoreEmulatorHost { get; init; }

    public string FirestoreDatabase { get; init; } = "(default)";

    public string FirestoreCollection { get; init; } = "imageDescriptions";

    /// <summary><c>host[:port]</c> of the GCE metadata server; set locally to the stand-in, unset on Google Cloud.</summary>
    public string? MetadataHost { get; init; }

    /// <summary>
    /// How long a claim on an object version lasts without renewal. The worker renews it every third of this while
    /// it works, so a crashed instance's version can be taken over soon after.
    /// </summary>
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The in-process retry budget of one delivery, well under the 540 s limit of event functions.</summary>
    public TimeSpan DescribeDeadline { get; init; } = TimeSpan.FromSeconds(240);

    /// <summary>Deliveries that may try one object version before a still-failing version is recorded as failed.</summary>
    public int MaxAttempts { get; init; } = 5;

    /// <summary>How long a duplicate delivery waits for the instance holding the lease to finish, or for the lease to lapse.</summary>
    public TimeSpan DuplicateWait { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// <c>OWNER_PATTERN</c>, such as <c>users/{owner}/**</c>: where in an object's name its owner's uid is, stored as
    /// the document's <c>owner</c> for security rules; empty means no owners.
    /// </summary>
    public string? OwnerPattern { get; init; }

    /// <summary>Only objects in this bucket are described; empty means any bucket the trigger delivers.</summary>
    public string? TriggerBucket { get; init; }

    /// <summary>Content types to describe (<c>application/octet-stream</c> is decided by the file extension).</summary>
    public IReadOnlyList<string> ImageContentTypes { get; init; } = ["image/png", "image/jpeg", "image/webp", "image/heic", "image/heif"];

    /// <summary>Name globs or prefixes to describe; empty means every name.</summary>
    public IReadOnlyList<string> IncludeNames { get; init; } = [];

    /// <summary>Name globs or prefixes never to describe.</summary>
    public IReadOnlyList<string> ExcludeNames { get; init; } = [];

    /// <summary>Objects larger than this are recorded as failed without calling the model.</summary>
    public long MaxObjectBytes { get; init; } = 20 * 1024 * 1024;

    /// <summary>What a <c>deleted</c> event does to the stored document of that generation.</summary>
    public DeletePolicy OnDelete { get; init; } = DeletePolicy.Keep;

    public bool ProgressiveWrites { get; init; }

    /// <summary>The usage ledger: one document per UTC day and model, its counters in <see cref="UsageShards"/> shards.</summary>
    public string FirestoreUsageCollection { get; init; } = "describeUsage";

    /// <summary>
    /// Shard documents per day and model. Each described image writes one shard, so the ledger stays under
    /// Firestore's sustained one write per second per document up to about this many images per second.
    /// </summary>
    public int UsageShards { get; init; } = 10;

    /// <summary>Images the function may describe per UTC day and model; null is unlimited, 0 defers everything.</summary>
    public long? DailyImageBudget { get; init; }

    /// <summary>Input plus output tokens per UTC day and model; null is unlimited.</summary>
    public long? DailyTokenBudget { get; init; }

    /// <summary>How stale this instance's reading of the day's usage may get before the ledger is read again.</summary>
    public TimeSpan BudgetRefresh { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// <c>strict</c>: a model call needs a grant leased from the day's allocation documents, so every instance
    /// together never passes a budget. <c>approximate</c>: each instance compares the ledger it last read.
    /// </summary>
    public BudgetMode BudgetMode { get; init; } = BudgetMode.Strict;

    /// <summary>Allocation documents per day and model that strict mode leases grants from.</summary>
    public int GrantShards { get; init; } = 16;

    /// <summary>Describes one instance runs at once; beyond it an event is answered 429 at once.</summary>
    public int MaxConcurrentDescribes { get; init; } = 32;

    public TimeSpan ProgressiveInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>In a Cloud Run job, this task's 0-based index (<c>CLOUD_RUN_TASK_INDEX</c>): a backfill's shard.</summary>
    public int TaskIndex { get; init; }

    /// <summary>The job's number of tasks (<c>CLOUD_RUN_TASK_COUNT</c>); 1 outside a job.</summary>
    public int TaskCount { get; init; } = 1;

    /// <summary>How often this task was retried (<c>CLOUD_RUN_TASK_ATTEMPT</c>).</summary>
    public int TaskAttempt { get; init; }

    /// <summary>The job execution's name (<c>CLOUD_RUN_EXECUTION</c>); null outside a job.</summary>
    public string? Execution { get; init; }

    /// <summary>Cloud Run jobs allow up to 10,000 tasks.</summary>
    public const int MaxTasks = 10_000;

    /// <summary>The embedding model (<c>gemini-embedding-001</c>, <c>text-embedding-005</c>, …); null turns embeddings and search off.</summary>
    public string? EmbeddingModel { get; init; }

    /// <summary>Length of every stored vector, 1 to <see cref="MaxEmbeddingDimensions"/> (Firestore's limit).</summary>
    public int EmbeddingDimensions { get; init; } = 768;

    /// <summary>Firestore's largest vector.</summary>
    public const int MaxEmbeddingDimensions = 2048;

    public EmbeddingApi EmbeddingApi { get; init; } = EmbeddingApi.Vertex;

    /// <summary>
    /// The embedding endpoint's base instead of Google's: for <c>vertex</c> the host part before <c>/v1/projects/…</c>,
    /// for <c>openai</c> the base the client appends <c>/embeddings</c> to.
    /// </summary>
    public Uri? EmbeddingBaseUrl { get; init; }

    /// <summary>
    /// Where the embedding model is served. Google's text-embeddings reference calls <c>us-central1</c>, and the
    /// global endpoint's model list names generation models only, so the default is that region.
    /// </summary>
    public string EmbeddingLocation { get; init; } = "us-central1";

    /// <summary>True when <see cref="EmbeddingModel"/> is set.</summary>
    public bool EmbeddingsOn => EmbeddingModel is not null;

    /// <summary>
    /// The Pub/Sub topic that gets one notice per finished version: <c>projects/P/topics/T</c>, or a topic id in the
    /// function's project; null turns notices off.
    /// </summary>
    public string? NotifyTopic { get; init; }

    /// <summary>The final statuses that owe a notice: any of <c>done</c>, <c>failed</c>, <c>deferred</c>.</summary>
    public IReadOnlyList<string> NotifyOn { get; init; } = ["done", "failed"];

    /// <summary><c>host:port</c> of a Pub/Sub emulator: plain HTTP, no token (the variable Google's libraries read).</summary>
    public string? PubSubEmulatorHost { get; init; }

    public const string DefaultPrompt =
        "Describe this image for someone who cannot see it, in two to four sentences: the subject, the setting, " +
        "notable colours and any legible text. Plain prose, no preamble.";
}

public enum BudgetMode
{
    /// <summary>Model calls need a grant leased from the allocation documents: the budget holds exactly.</summary>
    Strict,

    /// <summary>Each instance compares the usage ledger it last read (at most <c>BUDGET_REFRESH</c> old).</summary>
    Approximate,
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

public enum EmbeddingApi
{
    /// <summary>Vertex AI's native <c>…/publishers/google/models/{model}:predict</c>.</summary>
    Vertex,

    /// <summary>An OpenAI-compatible <c>POST {base}/embeddings</c>, through the OpenAI library.</summary>
    OpenAI,
}
