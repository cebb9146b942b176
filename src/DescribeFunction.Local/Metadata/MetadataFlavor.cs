namespace DescribeFunction.Local.Metadata;

/// <summary>
/// The header handshake: clients prove they mean to talk to the metadata server, and the server proves it is one
/// (ComputeCredential.IsRunningOnComputeEngine trusts only answers that carry the header).
/// </summary>
internal static class MetadataFlavor
{
    public const string Header = "Metadata-Flavor";
    public const string Google = "Google";

    public static async Task CheckAsync(HttpContext context, RequestDelegate next)
    {
        context.Response.Headers[Header] = Google;
        var isMetadataPath = context.Request.Path.StartsWithSegments("/computeMetadata", StringComparison.Ordinal);
        if (isMetadataPath && !string.Equals(context.Request.Headers[Header], Google, StringComparison.Ordinal))
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync("Missing required header: Metadata-Flavor: Google\n", context.RequestAborted);
            return;
        }

        await next(context);
    }
}
