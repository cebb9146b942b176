using DescribeFunction.Configuration;
using DescribeFunction.Hosting;

namespace DescribeFunction.Tests.Infrastructure;

/// <summary>Serves the host with a given handler and no function at all: what host tests need, and proof the host needs nothing more.</summary>
internal sealed class HostOnlyStartup(IStorageEventProcessor processor) : IFunctionStartup
{
    public FunctionSettings ReadSettings(SettingsReader settings) => new();

    public Task ConfigureServicesAsync(IServiceCollection services, CancellationToken cancellationToken)
    {
        services.AddSingleton(processor);
        return Task.CompletedTask;
    }
}
