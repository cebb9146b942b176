using DescribeFunction.Configuration;
using DescribeFunction.Hosting;

namespace DescribeFunction.Tests.Infrastructure;

/// <summary>The real function host started in-process on an ephemeral loopback port, with settings given in code.</summary>
public sealed class RunningFunction : IAsyncDisposable
{
    private RunningFunction(WebApplication app, Uri baseAddress)
    {
        App = app;
        BaseAddress = baseAddress;
        Client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    public WebApplication App { get; }

    public Uri BaseAddress { get; }

    public HttpClient Client { get; }

    /// <summary>The settings as this host resolved them (its settings file, the environment, then the test's own).</summary>
    public FunctionSettings Options => App.Services.GetRequiredService<FunctionSettings>();

    /// <summary>
    /// The settings a host given <paramref name="settings"/> on top of the environment resolves, as a child process
    /// with them as environment variables would: the host is built to read them, not started, and nothing is
    /// contacted. FUNCTION_CONFIG cannot be among them, because a host reads that from its environment.
    /// </summary>
    public static async Task<FunctionSettings> ResolveAsync(IReadOnlyDictionary<string, string> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.ContainsKey("FUNCTION_CONFIG"))
        {
            throw new ArgumentException("A host reads FUNCTION_CONFIG from its environment, not from its settings.", nameof(settings));
        }

        var probe = new SettingsProbe();
        await using var app = await FunctionHost.CreateAsync([], probe, builder => builder.Configuration.AddInMemoryCollection(settings!));
        return probe.Settings;
    }

    /// <param name="settings">Settings as in function.yaml, on top of the tests' own settings file.</param>
    /// <param name="processor">Serve the host alone with this handler instead of the function (host tests).</param>
    /// <param name="services">Registers services before the function's own, which it then uses instead (fault seams).</param>
    public static async Task<RunningFunction> StartAsync(
        IDictionary<string, string?>? settings = null,
        IStorageEventProcessor? processor = null,
        Action<IServiceCollection>? services = null)
    {
        var all = new Dictionary<string, string?> { ["PORT"] = "0" };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        IFunctionStartup startup = processor is null ? new DescribeImageStartup() : new HostOnlyStartup(processor);
        var app = await FunctionHost.CreateAsync([], startup, builder =>
        {
            builder.Configuration.AddInMemoryCollection(all);
            services?.Invoke(builder.Services);
        });
        await app.StartAsync();
        return new RunningFunction(app, new Uri(app.Urls.First()));
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}

/// <summary>Reads the function's settings exactly as the function would, and registers nothing that contacts anything.</summary>
internal sealed class SettingsProbe : IFunctionStartup
{
    private readonly DescribeImageStartup _function = new();

    public FunctionSettings Settings => _function.Settings;

    public FunctionSettings ReadSettings(SettingsReader settings) => _function.ReadSettings(settings);

    public Task ConfigureServicesAsync(IServiceCollection services, CancellationToken cancellationToken)
    {
        services.AddSingleton<IStorageEventProcessor>(new RecordingProcessor());
        return Task.CompletedTask;
    }
}
