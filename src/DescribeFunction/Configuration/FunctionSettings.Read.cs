namespace DescribeFunction.Configuration;

/// <summary>
/// Reads every topic's settings through one <see cref="SettingsReader"/>, so startup reports every bad setting at once.
/// </summary>
public sealed partial class FunctionSettings
{
    /// <summary>Reads every setting named in the configuration reference; problems are reported through <paramref name="settings"/>.</summary>
    public static FunctionSettings Read(SettingsReader settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var store = StoreSettings.Read(settings);
        var read = new FunctionSettings
        {
            Cloud = GoogleCloudSettings.Read(settings),
            Model = ModelSettings.Read(settings),
            Delivery = DeliverySettings.Read(settings),
            Filter = FilterSettings.Read(settings),
            Store = store,
            Notices = NoticeSettings.Read(settings),
            Reliability = ReliabilitySettings.Read(settings),
            Admission = AdmissionSettings.Read(settings),
            Spend = SpendSettings.Read(settings),
            Ledger = LedgerSettings.Read(settings, store.FirestoreCollection),
            Embedding = EmbeddingSettings.Read(settings),
            Task = TaskSettings.Read(settings),
        };
        GoogleTokenDestinations.Check(settings, read.Model, read.Embedding);
        return read;
    }
}
