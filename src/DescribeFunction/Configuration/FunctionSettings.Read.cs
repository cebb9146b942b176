using System.Text.RegularExpressions;
using DescribeFunction.Describing.Structured;

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
        var options = new FunctionSettings();
        options.GoogleCloudProject = settings.GetString("GOOGLE_CLOUD_PROJECT");
        options.VertexLocation = settings.GetString("VERTEX_LOCATION", options.VertexLocation);
        options.DescribeModel = settings.GetString("DESCRIBE_MODEL", options.DescribeModel);
        options.DescribePrompt = settings.GetString("DESCRIBE_PROMPT", options.DescribePrompt);
        options.DescribeMaxOutputTokens = settings.GetInt("DESCRIBE_MAX_OUTPUT_TOKENS", options.DescribeMaxOutputTokens, 16, 1_000_000);
        options.DescribeTemperature = settings.GetFloat("DESCRIBE_TEMPERATURE", 0, 2);
        options.DescribeReasoningEffort = settings.GetString("DESCRIBE_REASONING_EFFORT")?.ToLowerInvariant();
        options.OpenAIBaseUrl = settings.GetAbsoluteUri("OPENAI_BASE_URL");
        options.OpenAIApiKey = settings.GetString("OPENAI_API_KEY");
        options.ImageDelivery = settings.GetChoice("IMAGE_DELIVERY", options.ImageDelivery, DeliveryChoices);
        options.DescribeOutput = settings.GetChoice("DESCRIBE_OUTPUT", options.DescribeOutput, OutputChoices);
        options.DescribeSchema = ReadSchema(settings, options.DescribeOutput);
        options.StorageEmulatorHost = StorageEmulatorUrl(settings);
        options.InlineImageMaxBytes = settings.GetLong("INLINE_IMAGE_MAX_BYTES", options.InlineImageMaxBytes, 1, MaxInlineRequestBytes);
        options.FirestoreEmulatorHost = settings.GetString("FIRESTORE_EMULATOR_HOST");
        options.MetadataHost = settings.GetString("GCE_METADATA_HOST");
        options.FirestoreDatabase = settings.GetString("FIRESTORE_DATABASE", options.FirestoreDatabase);
        options.FirestoreCollection = settings.GetString("FIRESTORE_COLLECTION", options.FirestoreCollection);
        options.LeaseDuration = settings.GetDuration("LEASE_DURATION", options.LeaseDuration, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1));
        options.DescribeDeadline = settings.GetDuration("DESCRIBE_DEADLINE", options.DescribeDeadline, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(530));
        options.MaxAttempts = settings.GetInt("MAX_ATTEMPTS", options.MaxAttempts, 1, 100);
        options.DuplicateWait = settings.GetDuration("DUPLICATE_WAIT", options.DuplicateWait, TimeSpan.Zero, TimeSpan.FromSeconds(530));
        options.TriggerBucket = settings.GetString("TRIGGER_BUCKET");
        options.ImageContentTypes = settings.GetList("IMAGE_CONTENT_TYPES") is { Count: > 0 } types ? [.. types.Select(t => t.ToLowerInvariant())] : options.ImageContentTypes;
        options.IncludeNames = settings.GetList("INCLUDE_NAMES") ?? options.IncludeNames;
        options.ExcludeNames = settings.GetList("EXCLUDE_NAMES") ?? options.ExcludeNames;
        options.MaxObjectBytes = settings.GetLong("MAX_OBJECT_BYTES", options.MaxObjectBytes, 1, 1L << 40);
        options.OnDelete = settings.GetChoice("ON_DELETE", options.OnDelete, DeleteChoices);
        options.ProgressiveWrites = settings.GetBool("PROGRESSIVE_WRITES", options.ProgressiveWrites);
        options.ProgressiveInterval = settings.GetDuration("PROGRESSIVE_INTERVAL", options.ProgressiveInterval, TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(1));
        options.FirestoreUsageCollection = settings.GetString("FIRESTORE_USAGE_COLLECTION", options.FirestoreUsageCollection);
        options.UsageShards = settings.GetInt("USAGE_SHARDS", options.UsageShards, 1, 1000);
        options.DailyImageBudget = settings.GetOptionalLong("DAILY_IMAGE_BUDGET", 0, long.MaxValue);
        options.DailyTokenBudget = settings.GetOptionalLong("DAILY_TOKEN_BUDGET", 0, long.MaxValue);
        options.BudgetRefresh = settings.GetDuration("BUDGET_REFRESH", options.BudgetRefresh, TimeSpan.Zero, TimeSpan.FromHours(1));
        options.MaxConcurrentDescribes = settings.GetInt("MAX_CONCURRENT_DESCRIBES", options.MaxConcurrentDescribes, 1, 100_000);
        options.NotifyTopic = settings.GetString("NOTIFY_TOPIC");
        options.NotifyOn = settings.GetList("NOTIFY_ON") is { Count: > 0 } notifyOn ? [.. notifyOn.Select(s => s.ToLowerInvariant()).Distinct()] : options.NotifyOn;
        options.PubSubEmulatorHost = settings.GetString("PUBSUB_EMULATOR_HOST");

        settings.Require(LocationPattern().IsMatch(options.VertexLocation),
            $"The setting VERTEX_LOCATION must be a Vertex AI location such as global or us-central1, but it is '{options.VertexLocation}'.");
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
        settings.Require(options.NotifyTopic is null || TopicPattern().IsMatch(options.NotifyTopic),
            $"The setting NOTIFY_TOPIC must be projects/PROJECT/topics/TOPIC or a topic id (3 to 255 letters, digits or -_.~+%, starting with a letter, not goog), but it is '{options.NotifyTopic}'.");
        settings.Require(options.NotifyOn.All(s => s is "done" or "failed" or "deferred"),
            $"The setting NOTIFY_ON must list statuses among done, failed, deferred, but it is '{string.Join(',', options.NotifyOn)}'.");
        settings.Require(options.PubSubEmulatorHost is null || HostPortPattern().IsMatch(options.PubSubEmulatorHost),
            $"The setting PUBSUB_EMULATOR_HOST must be host:port, but it is '{options.PubSubEmulatorHost}'.");
        return options;
    }

    /// <summary>The default schema in structured mode, unless DESCRIBE_SCHEMA names a file (relative to function.yaml).</summary>
    private static StructuredSchema? ReadSchema(SettingsReader settings, DescribeOutput output)
    {
        var path = settings.GetFilePath("DESCRIBE_SCHEMA");
        if (output != DescribeOutput.Structured)
        {
            settings.Require(path is null, "The setting DESCRIBE_SCHEMA needs DESCRIBE_OUTPUT set to structured, but DESCRIBE_OUTPUT is text.");
            return null;
        }

        try
        {
            return path is null ? StructuredSchema.Default : StructuredSchema.Load(path);
        }
        catch (InvalidDataException e)
        {
            settings.Require(false, $"The setting DESCRIBE_SCHEMA names a schema the function cannot use: {e.Message}");
            return null;
        }
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
