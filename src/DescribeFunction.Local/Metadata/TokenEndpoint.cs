using System.Text.Json;

namespace DescribeFunction.Local.Metadata;

/// <summary><c>…/service-accounts/default/token</c>: a new token per call, in the OAuth token response shape.</summary>
internal static class TokenEndpoint
{
    public static async Task WriteAsync(HttpContext context, MetadataSettings settings, CancellationToken cancellationToken)
    {
        var lifetime = settings.TokenLifetime;
        var token = settings.Tokens.Issue(lifetime);
        context.Response.ContentType = "application/json";
        using var buffer = new MemoryStream();
        await using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("access_token", token);
            writer.WriteNumber("expires_in", (long)Math.Ceiling(lifetime.TotalSeconds));
            writer.WriteString("token_type", "Bearer");
            writer.WriteEndObject();
        }

        await context.Response.Body.WriteAsync(buffer.ToArray(), cancellationToken);
    }
}
