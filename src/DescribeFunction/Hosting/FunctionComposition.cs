using DescribeFunction.Configuration;
using DescribeFunction.Logging;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging.Console;

namespace DescribeFunction.Hosting;

/// <summary>
/// The setup every entry point of the executable shares (the event host and the backfill command): settings from
/// <c>function.yaml</c> beneath the entry point's own sources, the host's and the function's settings read and checked
/// together (one sentence per bad setting), the log format, then the function's services.
/// </summary>
public static class FunctionComposition
{
    public const string ConfigFileName = "function.yaml";

    /// <param name="builder">The entry point's builder; its configuration sources override <c>function.yaml</c>.</param>
    /// <param name="startup">The function's settings and services.</param>
    /// <param name="configure">The entry point's own services, registered before the function's (which keep them).</param>
    /// <param name="cancellationToken">Stops a startup that is still resolving what the function needs.</param>
    /// <exception cref="InvalidSettingsException">A setting is invalid; the message has one sentence per problem.</exception>
    public static async Task<HostSettings> ComposeAsync(
        IHostApplicationBuilder builder,
        IFunctionStartup startup,
        Action<HostSettings, FunctionSettings> configure,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(startup);
        ArgumentNullException.ThrowIfNull(configure);
        var configFile = ConfigFilePath();
        builder.Configuration.Sources.Insert(0, ConfigFileSource());
        var reader = new SettingsReader(builder.Configuration, Path.GetDirectoryName(configFile));
        var host = HostSettings.Read(reader);
        var settings = startup.ReadSettings(reader);
        InvalidSettingsException.ThrowIfAny(reader.Errors);

        ConfigureLogging(builder.Logging, host);
        builder.Services.AddSingleton(host);
        configure(host, settings);
        await startup.ConfigureServicesAsync(builder.Services, cancellationToken);
        return host;
    }

    /// <summary>
    /// The settings file: <c>function.yaml</c> beside the app, which may be absent (the environment is enough), or
    /// the file <c>FUNCTION_CONFIG</c> names, which must exist: a mistyped path would otherwise run on defaults.
    /// </summary>
    /// <summary>
    /// The function's settings as a command beside the host reads them (<c>search</c>, <c>doctor</c>): the settings
    /// file, the environment over it, then <paramref name="overrides"/> (tests, the local runner).
    /// </summary>
    /// <exception cref="InvalidSettingsException">A setting is invalid; every problem in one message.</exception>
    public static FunctionSettings ReadCommandSettings(IReadOnlyDictionary<string, string?>? overrides)
    {
        var configuration = new ConfigurationBuilder()
            .Add(ConfigFileSource())
            .AddEnvironmentVariables()
            .AddInMemoryCollection(overrides)
            .Build();
        var reader = new SettingsReader(configuration);
        var settings = FunctionSettings.Read(reader);
        InvalidSettingsException.ThrowIfAny(reader.Errors);
        return settings;
    }

    public static YamlFileConfigurationSource ConfigFileSource() =>
        new(ConfigFilePath(), optional: Environment.GetEnvironmentVariable("FUNCTION_CONFIG") is not { Length: > 0 });

    /// <summary><c>function.yaml</c> beside the app, or the file <c>FUNCTION_CONFIG</c> names (tests, a local variant).</summary>
    internal static string ConfigFilePath() =>
        Environment.GetEnvironmentVariable("FUNCTION_CONFIG") is { Length: > 0 } path
            ? Path.GetFullPath(path)
            : Path.Combine(AppContext.BaseDirectory, ConfigFileName);

    /// <summary>Cloud Logging JSON on stdout on Google Cloud, single-line text otherwise.</summary>
    private static void ConfigureLogging(ILoggingBuilder logging, HostSettings host)
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
