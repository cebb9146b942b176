namespace DescribeFunction.Configuration;

/// <summary>Pipeline notices: one Pub/Sub message per finished version.</summary>
public sealed record NoticeSettings
{
    /// <summary>
    /// The Pub/Sub topic that gets one notice per finished version: <c>projects/P/topics/T</c>, or a topic id in the
    /// function's project; null turns notices off.
    /// </summary>
    public string? NotifyTopic { get; init; }

    /// <summary>The final statuses that owe a notice: any of <c>done</c>, <c>failed</c>, <c>deferred</c>.</summary>
    public IReadOnlyList<string> NotifyOn { get; init; } = ["done", "failed"];

    /// <summary>True when <see cref="NotifyTopic"/> is set.</summary>
    public bool NoticesOn => NotifyTopic is not null;

    /// <summary>Reads the notice settings; problems are reported through <paramref name="settings"/>.</summary>
    public static NoticeSettings Read(SettingsReader settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var defaults = new NoticeSettings();
        var notices = new NoticeSettings
        {
            NotifyTopic = settings.GetString("NOTIFY_TOPIC"),
            NotifyOn = settings.GetList("NOTIFY_ON") is { Count: > 0 } notifyOn ? [.. notifyOn.Select(s => s.ToLowerInvariant()).Distinct()] : defaults.NotifyOn,
        };
        settings.Require(notices.NotifyTopic is null || SettingPatterns.Topic().IsMatch(notices.NotifyTopic),
            $"The setting NOTIFY_TOPIC must be projects/PROJECT/topics/TOPIC or a topic id (3 to 255 letters, digits or -_.~+%, starting with a letter, not goog), but it is '{notices.NotifyTopic}'.");
        settings.Require(notices.NotifyOn.All(s => s is "done" or "failed" or "deferred"),
            $"The setting NOTIFY_ON must list statuses among done, failed, deferred, but it is '{string.Join(',', notices.NotifyOn)}'.");
        return notices;
    }
}
