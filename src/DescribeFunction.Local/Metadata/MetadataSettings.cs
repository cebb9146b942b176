namespace DescribeFunction.Local.Metadata;

/// <summary>What the metadata stand-in reports about its pretend project and service account.</summary>
public sealed class MetadataSettings
{
    public string ProjectId { get; init; } = "local-project";

    public long NumericProjectId { get; init; } = 123456789012;

    public string ServiceAccountEmail { get; init; } = "describe-function@local-project.iam.gserviceaccount.com";

    public string Region { get; init; } = "us-central1";

    /// <summary>
    /// Lifetime of each issued token. Real tokens live about an hour; tests use a few seconds, which is under
    /// Google.Apis.Auth's early-refresh window, so the library fetches a fresh token for every request.
    /// </summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Issued tokens; hand the same registry to the describer to have it validate bearer tokens.</summary>
    public TokenRegistry Tokens { get; init; } = new();
}
