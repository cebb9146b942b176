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

    /// <param name="settings">Settings as in function.yaml, on top of the tests' own settings file.</param>
    /// <param name="processor">Serve the host alone with this handler instead of the function (host tests).</param>
    public static async Task<RunningFunction> StartAsync(
        IDictionary<string, string?>? settings = null,
        IStorageEventProcessor? processor = null)
    {
        var all = new Dictionary<string, string?> { ["PORT"] = "0" };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        IFunctionStartup startup = processor is null ? new DescribeImageStartup() : new HostOnlyStartup(processor);
        var app = await FunctionHost.CreateAsync([], startup, builder => builder.Configuration.AddInMemoryCollection(all));
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
