using Google.Apis.Auth.OAuth2;

namespace DescribeFunction.GoogleCloud;

/// <summary>The project and credential every client of the process shares, resolved once at startup.</summary>
/// <param name="ProjectId">From GOOGLE_CLOUD_PROJECT, else the metadata server.</param>
/// <param name="Credential">Application Default Credentials scoped for cloud-platform; null when nothing needs one.</param>
public sealed record GoogleCloudContext(string ProjectId, GoogleCredential? Credential)
{
    public const string CloudPlatformScope = "https://www.googleapis.com/auth/cloud-platform";
}
