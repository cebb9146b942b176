namespace DescribeFunction.Configuration;

/// <summary>How much one instance takes on at once before it answers 429.</summary>
public sealed record AdmissionSettings
{
    /// <summary>Describes one instance runs at once; beyond it an event is answered 429 at once.</summary>
    public int MaxConcurrentDescribes { get; init; } = 32;

    /// <summary>
    /// With inline delivery, the bytes of images one instance may hold at once; beyond it an event is answered 429.
    /// Null: half of what the GC may use (75 % of the container's memory limit by default).
    /// </summary>
    public long? InlineBytesInFlight { get; init; }

    /// <summary>Reads the admission settings; problems are reported through <paramref name="settings"/>.</summary>
    public static AdmissionSettings Read(SettingsReader settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var defaults = new AdmissionSettings();
        return new AdmissionSettings
        {
            MaxConcurrentDescribes = settings.GetInt("MAX_CONCURRENT_DESCRIBES", defaults.MaxConcurrentDescribes, 1, 100_000),
            InlineBytesInFlight = settings.GetOptionalLong("INLINE_BYTES_IN_FLIGHT", 1, long.MaxValue),
        };
    }
}
