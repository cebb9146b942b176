namespace DescribeFunction.Configuration;

/// <summary>Retries, leases and attempts: how one object version settles on one description.</summary>
public sealed record ReliabilitySettings
{
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

    /// <summary>Reads the reliability settings; problems are reported through <paramref name="settings"/>.</summary>
    public static ReliabilitySettings Read(SettingsReader settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var defaults = new ReliabilitySettings();
        return new ReliabilitySettings
        {
            LeaseDuration = settings.GetDuration("LEASE_DURATION", defaults.LeaseDuration, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1)),
            DescribeDeadline = settings.GetDuration("DESCRIBE_DEADLINE", defaults.DescribeDeadline, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(530)),
            MaxAttempts = settings.GetInt("MAX_ATTEMPTS", defaults.MaxAttempts, 1, 100),
            DuplicateWait = settings.GetDuration("DUPLICATE_WAIT", defaults.DuplicateWait, TimeSpan.Zero, TimeSpan.FromSeconds(530)),
        };
    }
}
