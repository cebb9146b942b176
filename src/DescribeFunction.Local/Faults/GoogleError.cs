using System.Text.Json;

namespace DescribeFunction.Local.Faults;

/// <summary>Writes errors in Google's JSON shape: <c>{"error":{"code","message","status"}}</c>.</summary>
public static class GoogleError
{
    public static string StatusName(int httpStatus) => httpStatus switch
    {
        400 => "INVALID_ARGUMENT",
        401 => "UNAUTHENTICATED",
        403 => "PERMISSION_DENIED",
        404 => "NOT_FOUND",
        408 => "DEADLINE_EXCEEDED",
        409 => "ABORTED",
        429 => "RESOURCE_EXHAUSTED",
        500 => "INTERNAL",
        501 => "UNIMPLEMENTED",
        503 => "UNAVAILABLE",
        504 => "DEADLINE_EXCEEDED",
        _ => "UNKNOWN",
    };

    public static Task WriteAsync(HttpContext context, int httpStatus, string message, CancellationToken cancellationToken) =>
        WriteAsync(context, httpStatus, StatusName(httpStatus), message, cancellationToken);

    /// <param name="retryDelay">A <c>google.rpc.RetryInfo</c> detail's delay (<c>"39s"</c>), as a quota error carries it.</param>
    public static async Task WriteAsync(HttpContext context, int httpStatus, string status, string message, CancellationToken cancellationToken, string? retryDelay = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.StatusCode = httpStatus;
        context.Response.ContentType = "application/json; charset=UTF-8";
        using var buffer = new MemoryStream();
        await using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("error");
            writer.WriteNumber("code", httpStatus);
            writer.WriteString("message", message);
            writer.WriteString("status", status);
            if (retryDelay is not null)
            {
                writer.WriteStartArray("details");
                writer.WriteStartObject();
                writer.WriteString("@type", "type.googleapis.com/google.rpc.RetryInfo");
                writer.WriteString("retryDelay", retryDelay);
                writer.WriteEndObject();
                writer.WriteEndArray();
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        await context.Response.Body.WriteAsync(buffer.ToArray(), cancellationToken);
    }
}
