using System.Text.Json;

namespace DescribeFunction.Local.Faults;

/// <summary>
/// Applies the fault plan a request takes: from the injector's queue, or from an <c>X-StandIn-Fault</c> header
/// holding a plan as JSON (that request only). Status and delay faults are applied here; stream faults are left in
/// <see cref="HttpContext.Items"/> for the endpoint that streams.
/// </summary>
public sealed class FaultMiddleware(RequestDelegate next, FaultInjector faults)
{
    public const string HeaderName = "X-StandIn-Fault";
    private const string ItemKey = "standin.fault";

    public static FaultPlan? CurrentPlan(HttpContext context) =>
        context.Items.TryGetValue(ItemKey, out var plan) ? plan as FaultPlan : null;

    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Request.Path.StartsWithSegments(FaultControlEndpoints.Path, StringComparison.Ordinal))
        {
            await next(context);
            return;
        }

        var plan = FromHeader(context) ?? faults.Take(context.Request.Path.Value ?? "");
        if (plan is null)
        {
            await next(context);
            return;
        }

        context.Items[ItemKey] = plan;
        if (plan.DelayFirstByteMs is > 0 and var delay)
        {
            await Task.Delay(delay, context.RequestAborted);
        }

        if (plan.Status is { } status)
        {
            await GoogleError.WriteAsync(context, status, GoogleError.StatusName(status), $"Injected fault: status {status}.", context.RequestAborted, plan.RetryDelay);
            return;
        }

        await next(context);
    }

    private static FaultPlan? FromHeader(HttpContext context)
    {
        var value = context.Request.Headers[HeaderName].ToString();
        return value.Length == 0 ? null : JsonSerializer.Deserialize(value, FaultJsonContext.Default.FaultPlan);
    }
}
