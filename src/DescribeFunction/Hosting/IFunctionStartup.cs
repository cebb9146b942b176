using DescribeFunction.Configuration;

namespace DescribeFunction.Hosting;

/// <summary>
/// What the host asks of the function it serves, in the manner of the Functions Framework's <c>FunctionsStartup</c>:
/// its settings first (so every bad setting is reported before anything is contacted), then its services. The host
/// knows nothing else of the function.
/// </summary>
public interface IFunctionStartup
{
    /// <summary>Reads and validates the function's settings, reporting each problem through <paramref name="settings"/>.</summary>
    /// <returns>The settings as read, for an entry point that needs them before the services (the backfill's bucket).</returns>
    FunctionSettings ReadSettings(SettingsReader settings);

    /// <summary>
    /// Resolves what must be known before the first event and registers the function as the
    /// <see cref="IStorageEventProcessor"/> with its clients. Registrations already present (tests) are kept.
    /// </summary>
    /// <exception cref="InvalidSettingsException">Something the settings point at cannot be used.</exception>
    Task ConfigureServicesAsync(IServiceCollection services, CancellationToken cancellationToken);
}
