namespace DescribeFunction.Configuration;

/// <summary>
/// The function's runtime settings, one immutable record per topic (the sections of the configuration reference).
/// Keys are the environment-variable names; they are read from <c>function.yaml</c> and overridden by environment
/// variables of the same name. The composition root hands each component only the records it reads.
/// </summary>
public sealed partial class FunctionSettings
{
    public GoogleCloudSettings Cloud { get; init; } = new();

    public ModelSettings Model { get; init; } = new();

    public DeliverySettings Delivery { get; init; } = new();

    public FilterSettings Filter { get; init; } = new();

    public StoreSettings Store { get; init; } = new();

    public NoticeSettings Notices { get; init; } = new();

    public ReliabilitySettings Reliability { get; init; } = new();

    public AdmissionSettings Admission { get; init; } = new();

    public SpendSettings Spend { get; init; } = new();

    public LedgerSettings Ledger { get; init; } = new();

    public EmbeddingSettings Embedding { get; init; } = new();

    public TaskSettings Task { get; init; } = new();
}
