namespace DescribeFunction.Configuration;

/// <summary>What is ours to describe, and what a <c>deleted</c> event does.</summary>
public sealed record FilterSettings
{
    /// <summary>Only objects in this bucket are described; empty means any bucket the trigger delivers.</summary>
    public string? TriggerBucket { get; init; }

    /// <summary>Content types to describe (<c>application/octet-stream</c> is decided by the file extension).</summary>
    public IReadOnlyList<string> ImageContentTypes { get; init; } = ["image/png", "image/jpeg", "image/webp", "image/heic", "image/heif"];

    /// <summary>Name globs or prefixes to describe; empty means every name.</summary>
    public IReadOnlyList<string> IncludeNames { get; init; } = [];

    /// <summary>Name globs or prefixes never to describe.</summary>
    public IReadOnlyList<string> ExcludeNames { get; init; } = [];

    /// <summary>
    /// <c>OWNER_PATTERN</c>, such as <c>users/{owner}/**</c>: where in an object's name its owner's uid is, stored as
    /// the document's <c>owner</c> for security rules; empty means no owners.
    /// </summary>
    public string? OwnerPattern { get; init; }

    /// <summary>Objects larger than this are recorded as failed without calling the model.</summary>
    public long MaxObjectBytes { get; init; } = 20 * 1024 * 1024;

    /// <summary>What a <c>deleted</c> event does to the stored document of that generation.</summary>
    public DeletePolicy OnDelete { get; init; } = DeletePolicy.Keep;

    private static readonly Dictionary<string, DeletePolicy> DeleteChoices = new()
    {
        ["keep"] = DeletePolicy.Keep,
        ["mark"] = DeletePolicy.Mark,
        ["delete"] = DeletePolicy.Delete,
    };

    /// <summary>
    /// Reads what to describe; problems are reported through <paramref name="settings"/>. The owner pattern is read
    /// as text: its grammar is Filtering's, which checks it at startup.
    /// </summary>
    public static FilterSettings Read(SettingsReader settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var defaults = new FilterSettings();
        return new FilterSettings
        {
            TriggerBucket = settings.GetString("TRIGGER_BUCKET"),
            ImageContentTypes = settings.GetList("IMAGE_CONTENT_TYPES") is { Count: > 0 } types ? [.. types.Select(t => t.ToLowerInvariant())] : defaults.ImageContentTypes,
            IncludeNames = settings.GetList("INCLUDE_NAMES") ?? defaults.IncludeNames,
            ExcludeNames = settings.GetList("EXCLUDE_NAMES") ?? defaults.ExcludeNames,
            OwnerPattern = settings.GetString("OWNER_PATTERN"),
            MaxObjectBytes = settings.GetLong("MAX_OBJECT_BYTES", defaults.MaxObjectBytes, 1, 1L << 40),
            OnDelete = settings.GetChoice("ON_DELETE", defaults.OnDelete, DeleteChoices),
        };
    }
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
