using System.Text.RegularExpressions;

namespace DescribeFunction.Logging;

/// <summary>The trace a request belongs to, from W3C <c>traceparent</c> or Google's <c>X-Cloud-Trace-Context</c>.</summary>
public sealed partial record TraceContext(string TraceId, string? SpanId, bool Sampled)
{
    public static TraceContext? FromHeaders(IHeaderDictionary headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var traceparent = TraceParentPattern().Match(headers["traceparent"].ToString());
        if (traceparent.Success)
        {
            return new TraceContext(traceparent.Groups[1].Value, traceparent.Groups[2].Value, (Convert.ToInt32(traceparent.Groups[3].Value, 16) & 1) == 1);
        }

        var cloud = CloudTracePattern().Match(headers["X-Cloud-Trace-Context"].ToString());
        return cloud.Success
            ? new TraceContext(cloud.Groups[1].Value.ToLowerInvariant(), cloud.Groups[2].Success ? cloud.Groups[2].Value : null, cloud.Groups[3].Value == "1")
            : null;
    }

    [GeneratedRegex("^[0-9a-f]{2}-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$")]
    private static partial Regex TraceParentPattern();

    [GeneratedRegex("^([0-9a-fA-F]{32})(?:/([0-9]+))?(?:;o=([01]))?$")]
    private static partial Regex CloudTracePattern();
}

/// <summary>Puts the request's trace into a logging scope so every line logged while handling it can carry it.</summary>
internal sealed class TraceLoggingMiddleware(RequestDelegate next, ILogger<TraceLoggingMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var trace = TraceContext.FromHeaders(context.Request.Headers);
        if (trace is null)
        {
            await next(context);
            return;
        }

        using (logger.BeginScope(trace))
        {
            await next(context);
        }
    }
}
