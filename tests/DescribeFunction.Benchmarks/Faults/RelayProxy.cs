using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Http.Features;

namespace DescribeFunction.Benchmarks.Faults;

/// <summary>What the relay saw of one request: the object it concerns, the fault it carried, and when it began and ended.</summary>
internal sealed record RelayExchange(string Path, string? ObjectName, string? Fault, int Status, bool Aborted, long StartedAt, long EndedAt)
{
    public double Ms => Stopwatch.GetElapsedTime(StartedAt, EndedAt).TotalMilliseconds;
}

/// <summary>A fault to inject into one request: a label for reports and the stand-in's fault plan as JSON.</summary>
/// <param name="RelayStatus">
/// For a service that reads no fault header (Google's emulators): the relay answers this status itself, before
/// forwarding or, with <paramref name="AfterForwarding"/>, after the service has done the work (an answer lost).
/// </param>
internal sealed record FaultChoice(string Kind, string PlanJson, int? RelayStatus = null, bool AfterForwarding = false);

/// <summary>
/// A loopback relay in front of one stand-in. It sees every request the function makes to that service, so it can
/// say which object a request was for, time it from the function's side of the wire, and pick a fault per request
/// (passed on in the stand-in's <c>X-StandIn-Fault</c> header), which a shared fault queue cannot attribute.
/// </summary>
internal sealed class RelayProxy : IAsyncDisposable
{
    private const string FaultHeader = "X-StandIn-Fault";
    private static readonly HashSet<string> HopByHop = new(StringComparer.OrdinalIgnoreCase)
    {
        "Host", "Connection", "Transfer-Encoding", "Keep-Alive", "Upgrade", "Content-Length",
    };

    private readonly WebApplication _app;
    private readonly HttpClient _upstream = new(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false, MaxConnectionsPerServer = int.MaxValue })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };

    private readonly Uri _target;
    private readonly ObjectNames _objectNames;
    private readonly Func<string, string?, FaultChoice?>? _chooseFault;
    private readonly ConcurrentQueue<RelayExchange> _exchanges = new();

    private RelayProxy(WebApplication app, Uri target, ObjectNames objectNames, Func<string, string?, FaultChoice?>? chooseFault)
    {
        _app = app;
        _target = target;
        _objectNames = objectNames;
        _chooseFault = chooseFault;
    }

    public Uri BaseAddress { get; private set; } = null!;

    public string HostAndPort => $"{BaseAddress.Host}:{BaseAddress.Port}";

    public IReadOnlyCollection<RelayExchange> Exchanges => _exchanges;

    /// <param name="target">The stand-in's base address.</param>
    /// <param name="objectNames">Which object a request is about.</param>
    /// <param name="chooseFault">Given the request path and object name, the fault for this request, or null.</param>
    public static async Task<RelayProxy> StartAsync(Uri target, ObjectNames objectNames, Func<string, string?, FaultChoice?>? chooseFault, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var relay = new RelayProxy(app, target, objectNames, chooseFault);
        app.Run(relay.RelayAsync);
        await app.StartAsync(cancellationToken);
        var address = app.Urls.First();
        relay.BaseAddress = new Uri(address.EndsWith('/') ? address : address + "/");
        return relay;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _upstream.Dispose();
    }

    private async Task RelayAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        var ct = context.RequestAborted;
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, ct);
        var rawTarget = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path.Value ?? "/";
        var objectName = _objectNames.Find(rawTarget, body.GetBuffer().AsSpan(0, (int)body.Length));
        var fault = _chooseFault?.Invoke(rawTarget, objectName);
        using var request = new HttpRequestMessage(new HttpMethod(context.Request.Method), new Uri(_target, rawTarget));
        if (body.Length > 0 || !HttpMethods.IsGet(context.Request.Method))
        {
            request.Content = new ByteArrayContent(body.ToArray());
        }

        foreach (var (name, values) in context.Request.Headers)
        {
            if (HopByHop.Contains(name))
            {
                continue;
            }

            if (!request.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values))
            {
                request.Content?.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
            }
        }

        if (fault is not null)
        {
            request.Headers.Add(FaultHeader, fault.PlanJson);
        }

        if (fault?.RelayStatus is { } relayStatus)
        {
            if (fault.AfterForwarding)
            {
                using var done = await _upstream.SendAsync(request, ct);
            }

            context.Response.StatusCode = relayStatus;
            context.Response.ContentType = "application/json";
            var error = $$"""{"error":{"code":{{relayStatus}},"message":"{{fault.Kind}} (injected by the relay)","status":"UNAVAILABLE"}""";
            await context.Response.WriteAsync(error + "}", ct);
            _exchanges.Enqueue(new RelayExchange(rawTarget, objectName, fault.Kind, relayStatus, false, started, Stopwatch.GetTimestamp()));
            return;
        }

        var (status, aborted) = await ForwardAsync(context, request, ct);
        _exchanges.Enqueue(new RelayExchange(rawTarget, objectName, fault?.Kind, status, aborted, started, Stopwatch.GetTimestamp()));
    }

    private async Task<(int Status, bool Aborted)> ForwardAsync(HttpContext context, HttpRequestMessage request, CancellationToken ct)
    {
        HttpResponseMessage response;
        try
        {
            response = await _upstream.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        }
        catch (HttpRequestException)
        {
            context.Response.StatusCode = StatusCodes.Status502BadGateway;
            return (502, false);
        }

        using (response)
        {
            context.Response.StatusCode = (int)response.StatusCode;
            foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
            {
                if (!HopByHop.Contains(name) || name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
                {
                    context.Response.Headers[name] = values.ToArray();
                }
            }

            // Copy as the bytes arrive, flushing each read, so a server-sent-event stream keeps its timing; a stream
            // the stand-in breaks is broken here too.
            var buffer = new byte[16 * 1024];
            try
            {
                await using var upstream = await response.Content.ReadAsStreamAsync(ct);
                int read;
                while ((read = await upstream.ReadAsync(buffer, ct)) > 0)
                {
                    await context.Response.Body.WriteAsync(buffer.AsMemory(0, read), ct);
                    await context.Response.Body.FlushAsync(ct);
                }
            }
            catch (Exception e) when (e is IOException or HttpRequestException)
            {
                context.Abort();
                return ((int)response.StatusCode, true);
            }

            return ((int)response.StatusCode, false);
        }
    }
}
