using System.Net;
using DescribeFunction.Configuration;
using DescribeFunction.Logging;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging.Console;

namespace DescribeFunction.Hosting;

/// <summary>
/// Builds the function's web host as Google's Functions Framework would: settings from <c>function.yaml</c>
/// overridden by environment variables, the port and bind address of the host contract, Cloud Logging JSON on
/// Google Cloud, and one endpoint that takes CloudEvents.
/// </summary>
public static class FunctionHost
{
    public const string ConfigFileName = "function.yaml";

    /// <param name="args">Command-line arguments (settings may be given as <c>--NAME=value</c>).</param>
    /// <param name="configure">Lets tests and the local runner add settings or replace services before the host is built.</param>
    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        builder.Configuration.Sources.Insert(0, new YamlFileConfigurationSource(ConfigFilePath(), optional: true));
        configure?.Invoke(builder);

        var settings = new SettingsReader(builder.Configuration);
        var host = HostSettings.Read(settings);
        var options = new DescribeOptions();
        DescribeOptionsBinder.Bind(settings, options);
        InvalidSettingsException.ThrowIfAny(settings.Errors);

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(host.BindAllInterfaces ? IPAddress.Any : IPAddress.Loopback, host.Port);
        });
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = host.ShutdownTimeout);
        ConfigureLogging(builder.Logging, host, options);

        builder.Services.AddSingleton(host);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton<EventEndpoint>();
        FunctionServices.Add(builder.Services);

        var app = builder.Build();
        app.UseMiddleware<ShutdownGate>();
        app.UseMiddleware<TraceLoggingMiddleware>();
        app.Run(context => context.RequestServices.GetRequiredService<EventEndpoint>().InvokeAsync(context));
        return app;
    }

    /// <summary><c>function.yaml</c> beside the app, or the file <c>FUNCTION_CONFIG</c> names (for a local variant).</summary>
    private static string ConfigFilePath() =>
        Environment.GetEnvironmentVariable("FUNCTION_CONFIG") is { Length: > 0 } path
            ? Path.GetFullPath(path)
            : Path.Combine(AppContext.BaseDirectory, ConfigFileName);

    private static void ConfigureLogging(ILoggingBuilder logging, HostSettings host, DescribeOptions options)
    {
        logging.ClearProviders();
        logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        if (host.OnGoogleCloud)
        {
            logging.AddConsole(o => o.FormatterName = CloudLoggingFormatter.FormatterName);
            // Registered by hand rather than with AddConsoleFormatter<,>, which also binds the formatter options to
            // configuration by reflection (not trim- or AOT-safe); these options come from the settings alone.
            logging.Services.TryAddEnumerable(ServiceDescriptor.Singleton<ConsoleFormatter, CloudLoggingFormatter>());
            logging.Services.Configure<CloudLoggingFormatterOptions>(o =>
            {
                o.IncludeScopes = true;
                o.ProjectId = options.GoogleCloudProject;
            });
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
