using System.Net;
using DescribeFunction.Configuration;
using DescribeFunction.Logging;

namespace DescribeFunction.Hosting;

/// <summary>
/// Builds the function's web host as Google's Functions Framework would: settings from <c>function.yaml</c>
/// overridden by environment variables, the port and bind address of the host contract, Cloud Logging JSON on
/// Google Cloud, and one endpoint that hands CloudEvents to whatever <see cref="IFunctionStartup"/> registered.
/// </summary>
public static class FunctionHost
{
    public const string ConfigFileName = FunctionComposition.ConfigFileName;

    /// <param name="args">Command-line arguments (settings may be given as <c>--NAME=value</c>).</param>
    /// <param name="startup">The function's settings and services.</param>
    /// <param name="configure">Lets tests and the local runner add settings or services before the function's own.</param>
    /// <param name="cancellationToken">Stops a startup that is still resolving what the function needs.</param>
    /// <exception cref="InvalidSettingsException">A setting is invalid; the message has one sentence per problem.</exception>
    public static async Task<WebApplication> CreateAsync(
        string[] args,
        IFunctionStartup startup,
        Action<WebApplicationBuilder>? configure = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(startup);
        var builder = WebApplication.CreateSlimBuilder(args);
        configure?.Invoke(builder);
        await FunctionComposition.ComposeAsync(builder, startup, (host, _) =>
        {
            builder.WebHost.ConfigureKestrel(kestrel =>
            {
                kestrel.AddServerHeader = false;
                kestrel.Listen(host.BindAllInterfaces ? IPAddress.Any : IPAddress.Loopback, host.Port);
            });
            builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = host.ShutdownTimeout);
            builder.Services.AddSingleton<EventEndpoint>();
        }, cancellationToken);

        var app = builder.Build();
        // Built now, not on the first event: a client that cannot be made stops startup, and no event pays for it.
        app.Services.GetRequiredService<IStorageEventProcessor>();
        app.UseMiddleware<ShutdownGate>();
        app.UseMiddleware<TraceLoggingMiddleware>();
        app.Run(context => context.RequestServices.GetRequiredService<EventEndpoint>().InvokeAsync(context));
        return app;
    }
}
