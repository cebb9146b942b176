namespace DescribeFunction.Configuration;

/// <summary>Where descriptions are stored, and whether the partial text is written while it streams.</summary>
public sealed record StoreSettings
{
    public string FirestoreDatabase { get; init; } = "(default)";

    public string FirestoreCollection { get; init; } = "imageDescriptions";

    public bool ProgressiveWrites { get; init; }

    public TimeSpan ProgressiveInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Reads where results go; problems are reported through <paramref name="settings"/>.</summary>
    public static StoreSettings Read(SettingsReader settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var defaults = new StoreSettings();
        var store = new StoreSettings
        {
            FirestoreDatabase = settings.GetString("FIRESTORE_DATABASE", defaults.FirestoreDatabase),
            FirestoreCollection = settings.GetString("FIRESTORE_COLLECTION", defaults.FirestoreCollection),
            ProgressiveWrites = settings.GetBool("PROGRESSIVE_WRITES", defaults.ProgressiveWrites),
            ProgressiveInterval = settings.GetDuration("PROGRESSIVE_INTERVAL", defaults.ProgressiveInterval, TimeSpan.FromMilliseconds(100), TimeSpan.FromMinutes(1)),
        };
        settings.Require(!store.FirestoreCollection.Contains('/', StringComparison.Ordinal),
            $"The setting FIRESTORE_COLLECTION must be a single collection id without '/', but it is '{store.FirestoreCollection}'.");
        return store;
    }
}
