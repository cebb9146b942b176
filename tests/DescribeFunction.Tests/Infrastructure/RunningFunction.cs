using DescribeFunction.Configuration;
using DescribeFunction.Google;
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
    public DescribeOptions Options => App.Services.GetRequiredService<DescribeOptions>();

    /// <summary>
    /// The settings a host given <paramref name="settings"/> on top of the environment resolves, as a child process
    /// with them as environment variables would: the host is built to read them, not started. FUNCTION_CONFIG cannot
    /// be among them, because a host reads that from its environment.
    /// </summary>
    public static async Task<DescribeOptions> ResolveAsync(IReadOnlyDictionary<string, string> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.ContainsKey("FUNCTION_CONFIG"))
        {
            throw new ArgumentException("A host reads FUNCTION_CONFIG from its environment, not from its settings.", nameof(settings));
        }

        var app = FunctionHost.Create([], builder => builder.Configuration.AddInMemoryCollection(settings!));
        await using (app)
        {
            return app.Services.GetRequiredService<DescribeOptions>();
        }
    }

    public static async Task<RunningFunction> StartAsync(
        IDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? services = null)
    {
        var all = new Dictionary<string, string?> { ["PORT"] = "0" };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        var app = FunctionHost.Create([], builder =>
        {
            builder.Configuration.AddInMemoryCollection(all);
            if (!all.ContainsKey("GOOGLE_CLOUD_PROJECT"))
            {
                // Host-only tests: no project to resolve and no credential to find.
                builder.Services.AddSingleton(new GoogleCloudContextHolder { Context = new GoogleCloudContext("test-project", null) });
            }

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
