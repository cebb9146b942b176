namespace DescribeFunction.Hosting;

/// <summary>
/// Once SIGTERM starts the shutdown, requests that still arrive on open connections are refused with 503 and
/// <c>Connection: close</c>, while the events already in flight run to completion within the grace period.
/// </summary>
internal sealed class ShutdownGate(RequestDelegate next, IHostApplicationLifetime lifetime)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (!lifetime.ApplicationStopping.IsCancellationRequested)
        {
            return next(context);
        }

        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.Connection = "close";
        return Task.CompletedTask;
    }
}
