using System.Net;
using DescribeFunction.Local.Faults;

namespace DescribeFunction.Local.Hosting;

/// <summary>Starts one stand-in server on loopback: the stand-ins are development tools and never listen beyond this machine.</summary>
public static class StandInHost
{
    public static async Task<StandInServer> StartAsync(
        string name,
        int port,
        Action<IServiceCollection> configureServices,
        Action<WebApplication> mapEndpoints,
        CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = typeof(StandInHost).Assembly.GetName().Name });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port));
        var faults = new FaultInjector();
        builder.Services.AddSingleton(faults);
        configureServices(builder.Services);
        var app = builder.Build();
        app.UseMiddleware<FaultMiddleware>();
        FaultControlEndpoints.Map(app);
        mapEndpoints(app);
        try
        {
            await PortInUseException.TranslateAsync(name, port, () => app.StartAsync(cancellationToken));
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        var address = app.Urls.First();
        return new StandInServer(name, app, new Uri(address.EndsWith('/') ? address : address + "/"), faults);
    }
}

/// <summary>A running stand-in: where it listens and the switches that make it misbehave on purpose.</summary>
public sealed class StandInServer(string name, WebApplication app, Uri baseAddress, FaultInjector faults) : IAsyncDisposable
{
    public string Name { get; } = name;

    public Uri BaseAddress { get; } = baseAddress;

    /// <summary>"127.0.0.1:port", the form *_EMULATOR_HOST variables take.</summary>
    public string HostAndPort => $"{BaseAddress.Host}:{BaseAddress.Port}";

    public FaultInjector Faults { get; } = faults;

    public IServiceProvider Services => app.Services;

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
