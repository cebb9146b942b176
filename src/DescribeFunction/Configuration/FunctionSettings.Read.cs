using System.Text.RegularExpressions;

namespace DescribeFunction.Configuration;

/// <summary>
/// The one place each setting is parsed, checked and normalized; everything else takes the result as given.
/// </summary>
public sealed partial class FunctionSettings
{
    private static readonly Dictionary<string, ImageDelivery> DeliveryChoices = new()
    {
        ["gcs-uri"] = ImageDelivery.GcsUri,
        ["inline"] = ImageDelivery.Inline,
    };

    private static readonly Dictionary<string, DescribeOutput> OutputChoices = new()
    {
        ["text"] = DescribeOutput.Text,
        ["structured"] = DescribeOutput.Structured,
    };

    private static readonly Dictionary<string, EmbeddingApi> EmbeddingApiChoices = new()
    {
        ["vertex"] = EmbeddingApi.Vertex,
        ["openai"] = EmbeddingApi.OpenAI,
    };

    private static readonly Dictionary<string, BudgetMode> BudgetModeChoices = new()
    {
        ["strict"] = BudgetMode.Strict,
        ["approximate"] = BudgetMode.Approximate,
    };

    private static readonly Dictionary<string, DeletePolicy> DeleteChoices = new()
    {
        ["keep"] = DeletePolicy.Keep,
        ["mark"] = DeletePolicy.Mark,
        ["delete"] = DeletePolicy.Delete,
    };

    /// <summary>Reads every setting named in the README's configuration table; problems are reported through <paramref name="settings"/>.</summary>
    public static FunctionSettings Read(SettingsReader settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var defaults = new FunctionSettings();
        var options = new FunctionSettings
        {
            GoogleCloudProject = settings.GetString("GOOGLE_CLOUD_PROJECT"),
            VertexLocation = settings.GetString("VERTEX_LOCATION", defaults.VertexLocation),
            DescribeModel = settings.GetString("DESCRIBE_MODEL", defaults.DescribeModel),
            DescribePrompt = settings.GetString("DESCRIBE_PROMPT", defaults.DescribePrompt),
            DescribeMaxOutputTokens = settings.GetInt("DESCRIBE_MAX_OUTPUT_TOKENS", defaults.DescribeMaxOutputTokens, 16, 1_000_000),
            DescribeTemperature = settings.GetFloat("DESCRIBE_TEMPERATURE", 0, 2),
            DescribeReasoningEffort = settings.GetString("DESCRIBE_REASONING_EFFORT")?.ToLowerInvariant(),
            OpenAIBaseUrl = settings.GetAbsoluteUri("OPENAI_BASE_URL"),
            OpenAIApiKey = settings.GetString("OPENAI_API_KEY"),
            ImageDelivery = settings.GetChoice("IMAGE_DELIVERY", defaults.ImageDelivery, DeliveryChoices),
            DescribeOutput = settings.GetChoice("DESCRIBE_OUTPUT", defaults.DescribeOutput, OutputChoices),
            DescribeSchemaPath = settings.GetFilePath("DESCRIBE_SCHEMA"),
            StorageEmulatorHost = StorageEmulatorUrl(settings),
            InlineImageMaxBytes = settings.GetLong("INLINE_IMAGE_MAX_BYTES", defaults.InlineImageMaxBytes, 1, MaxInlineRequestBytes),
            InlineBytesInFlight = settings.GetOptionalLong("INLINE_BYTES_IN_FLIGHT", 1, long.MaxValue),
            FirestoreEmulatorHost = settings.GetString("FIRESTORE_EMULATOR_HOST"),
            MetadataHost = settings.GetString("GCE_METADATA_HOST"),
            FirestoreDatabase = settings.GetString("FIRESTORE_DATABASE", defaults.FirestoreDatabase),
            FirestoreCollection = settings.GetString("FIRESTORE_COLLECTION", defaults.FirestoreCollection),
            LeaseDuration = settings.GetDuration("LEASE_DURATION", defaults.LeaseDuration, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1)),
            DescribeDeadline = settings.GetDuration("DESCRIBE_DEADLINE", defaults.DescribeDeadline, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(530)),
            MaxAttempts = settings.GetInt("MAX_ATTEMPTS", defaults.MaxAttempts, 1, 100),
            DuplicateWait = settings.GetDuration("DUPLICATE_WAIT", defaults.DuplicateWait, TimeSpan.Zero, TimeSpan.FromSeconds(530)),
            TriggerBucket = settings.GetString("TRIGGER_BUCKET"),
            ImageContentTypes = settings.GetList("IMAGE_CONTENT_TYPES") is { Count: > 0 } types ? [.. types.Select(t => t.ToLowerInvariant())] : defaults.ImageContentTypes,
            IncludeNames = settings.GetList("INCLUDE_NAMES") ?? defaults.IncludeNames,
            ExcludeNames = settings.GetList("EXCLUDE_NAMES") ?? defaults.ExcludeNames,
            OwnerPattern = settings.GetString("OWNER_PATTERN"),
            MaxObjectBytes = settings.GetLong("MAX_OBJECT_BYTES", defaults.MaxObjectBytes, 1, 1L << 40),
            OnDelete = settings.GetChoice("ON_DELETE", defaults.OnDelete, DeleteChoices),
            ProgressiveWrites = settings.GetBool("PROGRESSIVE_WRITES", defaults.ProgressiveWrites),
            ProgressiveInterval = settings.GetDuration("PROGRESSIVE_INTERVAL", defaults.ProgressiveInterval, TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(1)),
            FirestoreUsageCollection = settings.GetString("FIRESTORE_USAGE_COLLECTION", defaults.FirestoreUsageCollection),
            UsageShards = settings.GetInt("USAGE_SHARDS", defaults.UsageShards, 1, 1000),
            DailyImageBudget = settings.GetOptionalLong("DAILY_IMAGE_BUDGET", 0, long.MaxValue),
            DailyTokenBudget = settings.GetOptionalLong("DAILY_TOKEN_BUDGET", 0, long.MaxValue),
            BudgetRefresh = settings.GetDuration("BUDGET_REFRESH", defaults.BudgetRefresh, TimeSpan.Zero, TimeSpan.FromHours(1)),
            BudgetMode = settings.GetChoice("BUDGET_MODE", defaults.BudgetMode, BudgetModeChoices),
            GrantShards = settings.GetInt("GRANT_SHARDS", defaults.GrantShards, 1, 500),
            MaxConcurrentDescribes = settings.GetInt("MAX_CONCURRENT_DESCRIBES", defaults.MaxConcurrentDescribes, 1, 100_000),
            TaskCount = settings.GetInt("CLOUD_RUN_TASK_COUNT", defaults.TaskCount, 1, MaxTasks),
            TaskIndex = settings.GetInt("CLOUD_RUN_TASK_INDEX", defaults.TaskIndex, 0, MaxTasks - 1),
            TaskAttempt = settings.GetInt("CLOUD_RUN_TASK_ATTEMPT", defaults.TaskAttempt, 0, 1000),
            Execution = settings.GetString("CLOUD_RUN_EXECUTION"),
            EmbeddingModel = settings.GetString("EMBEDDING_MODEL"),
            EmbeddingDimensions = settings.GetInt("EMBEDDING_DIMENSIONS", defaults.EmbeddingDimensions, 1, MaxEmbeddingDimensions),
            EmbeddingApi = settings.GetChoice("EMBEDDING_API", defaults.EmbeddingApi, EmbeddingApiChoices),
            EmbeddingBaseUrl = settings.GetAbsoluteUri("EMBEDDING_BASE_URL"),
            EmbeddingLocation = settings.GetString("EMBEDDING_LOCATION", defaults.EmbeddingLocation),
            NotifyTopic = settings.GetString("NOTIFY_TOPIC"),
            NotifyOn = settings.GetList("NOTIFY_ON") is { Count: > 0 } notifyOn ? [.. notifyOn.Select(s => s.ToLowerInvariant()).Distinct()] : defaults.NotifyOn,
            PubSubEmulatorHost = settings.GetString("PUBSUB_EMULATOR_HOST"),
        };

        settings.Require(options.TaskIndex < options.TaskCount,
            $"The setting CLOUD_RUN_TASK_INDEX must be below CLOUD_RUN_TASK_COUNT ({options.TaskCount}), but it is {options.TaskIndex}.");
        settings.Require(LocationPattern().IsMatch(options.VertexLocation),
            $"The setting VERTEX_LOCATION must be a Vertex AI location such as global or us-central1, but it is '{options.VertexLocation}'.");
        settings.Require(LocationPattern().IsMatch(options.EmbeddingLocation),
            $"The setting EMBEDDING_LOCATION must be a Vertex AI location such as us-central1, but it is '{options.EmbeddingLocation}'.");
        settings.Require(options.GoogleCloudProject is null || ProjectPattern().IsMatch(options.GoogleCloudProject),
            $"The setting GOOGLE_CLOUD_PROJECT must be a project id (6 to 30 lowercase letters, digits or hyphens), but it is '{options.GoogleCloudProject}'.");
        settings.Require(options.DescribeReasoningEffort is null or "minimal" or "low" or "medium" or "high",
            $"The setting DESCRIBE_REASONING_EFFORT must be one of minimal, low, medium, high, but it is '{options.DescribeReasoningEffort}'.");
        settings.Require(!options.FirestoreCollection.Contains('/', StringComparison.Ordinal),
            $"The setting FIRESTORE_COLLECTION must be a single collection id without '/', but it is '{options.FirestoreCollection}'.");
        settings.Require(!options.FirestoreUsageCollection.Contains('/', StringComparison.Ordinal) && options.FirestoreUsageCollection != options.FirestoreCollection,
            $"The setting FIRESTORE_USAGE_COLLECTION must be a single collection id without '/', other than FIRESTORE_COLLECTION, but it is '{options.FirestoreUsageCollection}'.");
        settings.Require(options.FirestoreEmulatorHost is null || HostPortPattern().IsMatch(options.FirestoreEmulatorHost),
            $"The setting FIRESTORE_EMULATOR_HOST must be host:port, but it is '{options.FirestoreEmulatorHost}'.");
        settings.Require(options.DescribeSchemaPath is null || options.DescribeOutput == DescribeOutput.Structured,
            "The setting DESCRIBE_SCHEMA needs DESCRIBE_OUTPUT set to structured, but DESCRIBE_OUTPUT is text.");
        settings.Require(options.NotifyTopic is null || TopicPattern().IsMatch(options.NotifyTopic),
            $"The setting NOTIFY_TOPIC must be projects/PROJECT/topics/TOPIC or a topic id (3 to 255 letters, digits or -_.~+%, starting with a letter, not goog), but it is '{options.NotifyTopic}'.");
        settings.Require(options.NotifyOn.All(s => s is "done" or "failed" or "deferred"),
            $"The setting NOTIFY_ON must list statuses among done, failed, deferred, but it is '{string.Join(',', options.NotifyOn)}'.");
        settings.Require(options.PubSubEmulatorHost is null || HostPortPattern().IsMatch(options.PubSubEmulatorHost),
            $"The setting PUBSUB_EMULATOR_HOST must be host:port, but it is '{options.PubSubEmulatorHost}'.");
        return options;
    }

    /// <summary>Google's libraries take <c>host:port</c> or a full URL here; both become the API's base URL.</summary>
    private static Uri? StorageEmulatorUrl(SettingsReader settings)
    {
        var raw = settings.GetString("STORAGE_EMULATOR_HOST");
        var text = raw is null || raw.Contains("://", StringComparison.Ordinal) ? raw : "http://" + raw;
        var valid = Uri.TryCreate(text, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps);
        settings.Require(raw is null || valid,
            $"The setting STORAGE_EMULATOR_HOST must be host:port or an http URL such as http://127.0.0.1:8683, but it is '{raw}'.");
        return valid ? new Uri(url!.AbsoluteUri.TrimEnd('/') + "/") : null;
    }

    [GeneratedRegex("^[a-z][a-z0-9-]*[a-z0-9]$")]
    private static partial Regex LocationPattern();

    // Project ids; legacy domain-scoped ids ("example.com:proj") are accepted too.
    [GeneratedRegex("^([a-z0-9.-]+:)?[a-z][a-z0-9-]{4,28}[a-z0-9]$")]
    private static partial Regex ProjectPattern();

    [GeneratedRegex(@"^(\[[0-9a-fA-F:]+\]|[A-Za-z0-9.-]+):\d{1,5}$")]
    private static partial Regex HostPortPattern();

    // Pub/Sub resource names: a topic id starts with a letter, is 3 to 255 characters, and does not start with "goog".
    [GeneratedRegex("^(projects/([a-z0-9.-]+:)?[a-z][a-z0-9-]{4,28}[a-z0-9]/topics/)?(?!goog)[A-Za-z][A-Za-z0-9._~+%-]{2,254}$")]
    private static partial Regex TopicPattern();
}
