using System.Net;
using DescribeFunction.Configuration;
using DescribeFunction.Logging;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging.Console;

namespace DescribeFunction.Hosting;

/// <summary>
/// Builds the function's web host as Google's Functions Framework would: settings from <c>function.yaml</c>
/// overridden by environment variables, the port and bind address of the host contract, Cloud Logging JSON on
/// Google Cloud, and one endpoint that hands CloudEvents to whatever <see cref="IFunctionStartup"/> registered.
/// </summary>
public static class FunctionHost
{
    public const string ConfigFileName = "function.yaml";

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
        var configFile = ConfigFilePath();
        builder.Configuration.Sources.Insert(0, new YamlFileConfigurationSource(configFile, optional: true));
        configure?.Invoke(builder);

        var settings = new SettingsReader(builder.Configuration, Path.GetDirectoryName(configFile));
        var host = HostSettings.Read(settings);
        startup.ReadSettings(settings);
        InvalidSettingsException.ThrowIfAny(settings.Errors);

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(host.BindAllInterfaces ? IPAddress.Any : IPAddress.Loopback, host.Port);
        });
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = host.ShutdownTimeout);
        ConfigureLogging(builder.Logging, host);
        builder.Services.AddSingleton(host);
        builder.Services.AddSingleton<EventEndpoint>();
        await startup.ConfigureServicesAsync(builder.Services, cancellationToken);

        var app = builder.Build();
        // Built now, not on the first event: a client that cannot be made stops startup, and no event pays for it.
        app.Services.GetRequiredService<IStorageEventProcessor>();
        app.UseMiddleware<ShutdownGate>();
        app.UseMiddleware<TraceLoggingMiddleware>();
        app.Run(context => context.RequestServices.GetRequiredService<EventEndpoint>().InvokeAsync(context));
        return app;
    }

    /// <summary><c>function.yaml</c> beside the app, or the file <c>FUNCTION_CONFIG</c> names (tests, a local variant).</summary>
    internal static string ConfigFilePath() =>
        Environment.GetEnvironmentVariable("FUNCTION_CONFIG") is { Length: > 0 } path
            ? Path.GetFullPath(path)
            : Path.Combine(AppContext.BaseDirectory, ConfigFileName);

    /// <summary>Cloud Logging JSON on stdout on Google Cloud, single-line text otherwise; shared with the other commands.</summary>
    internal static void ConfigureLogging(ILoggingBuilder logging, HostSettings host)
    {
        logging.ClearProviders();
        logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        if (host.OnGoogleCloud)
        {
            logging.AddConsole(o => o.FormatterName = CloudLoggingFormatter.FormatterName);
            // Registered by hand rather than with AddConsoleFormatter<,>, which also binds the formatter options to
            // configuration by reflection (not trim- or AOT-safe). The function's startup supplies the project id.
            logging.Services.TryAddEnumerable(ServiceDescriptor.Singleton<ConsoleFormatter, CloudLoggingFormatter>());
            logging.Services.Configure<CloudLoggingFormatterOptions>(o => o.IncludeScopes = true);
        }
        else
        {
            logging.AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.IncludeScopes = false;
                o.TimestampFormat = "HH:mm:ss ";
            });
        }
    }
}
