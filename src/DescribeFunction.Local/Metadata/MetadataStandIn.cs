using System.Globalization;
using DescribeFunction.Local.Hosting;

namespace DescribeFunction.Local.Metadata;

/// <summary>
/// The GCE metadata server as Google.Apis.Auth uses it (point <c>GCE_METADATA_HOST</c> at <see cref="StandInServer.HostAndPort"/>):
/// the ping on <c>/</c>, project id, default service account email and token, and universe domain. Every answer
/// carries <c>Metadata-Flavor: Google</c>; every <c>/computeMetadata/</c> request must send it.
/// </summary>
public static class MetadataStandIn
{
    private const string Prefix = "/computeMetadata/v1";
    private const string Account = Prefix + "/instance/service-accounts/default";

    public static Task<StandInServer> StartAsync(MetadataSettings settings, int port = 0, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return StandInHost.StartAsync("metadata", port, services => services.AddSingleton(settings), app =>
        {
            app.Use(MetadataFlavor.CheckAsync);
            app.MapGet("/", () => Text("computeMetadata/\n"));
            app.MapGet(Prefix + "/project/project-id", () => Text(settings.ProjectId));
            app.MapGet(Prefix + "/project/numeric-project-id", () => Text(settings.NumericProjectId.ToString(CultureInfo.InvariantCulture)));
            app.MapGet(Prefix + "/instance/region", () => Text($"projects/{settings.NumericProjectId}/regions/{settings.Region}"));
            app.MapGet(Prefix + "/instance/zone", () => Text($"projects/{settings.NumericProjectId}/zones/{settings.Region}-1"));
            app.MapGet(Prefix + "/universe/universe-domain", () => Text("googleapis.com"));
            app.MapGet(Account + "/email", () => Text(settings.ServiceAccountEmail));
            app.MapGet(Account + "/token", (HttpContext context) => TokenEndpoint.WriteAsync(context, settings, context.RequestAborted));
        }, cancellationToken);
    }

    // The real server answers plain values as application/text.
    private static IResult Text(string value) => Results.Text(value, "application/text");
}
