namespace DescribeFunction.GoogleCloud;

/// <summary>
/// The GCE metadata server: Cloud Run's source of the project id and of access tokens. <c>GCE_METADATA_HOST</c>
/// points it elsewhere (the local stand-in), as it does for Google's own libraries.
/// </summary>
public sealed class MetadataServer(HttpClient httpClient, string? host)
{
    public const string DefaultHost = "metadata.google.internal";

    public Uri BaseUrl { get; } = new($"http://{(string.IsNullOrWhiteSpace(host) ? DefaultHost : host.Trim())}/computeMetadata/v1/");

    /// <summary>The URL <c>ComputeCredential</c> fetches tokens from.</summary>
    public string TokenUrl => new Uri(BaseUrl, "instance/service-accounts/default/token").AbsoluteUri;

    public async Task<string> GetProjectIdAsync(CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(BaseUrl, "project/project-id"));
        request.Headers.Add("Metadata-Flavor", "Google");
        using var response = await httpClient.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
        var projectId = (await response.Content.ReadAsStringAsync(cancellationToken)).Trim();
        return projectId.Length > 0 ? projectId : throw new InvalidOperationException("The metadata server returned an empty project id.");
    }
}
