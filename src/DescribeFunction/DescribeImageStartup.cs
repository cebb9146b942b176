using DescribeFunction.Admission;
using DescribeFunction.Configuration;
using DescribeFunction.Describing;
using DescribeFunction.Describing.Structured;
using DescribeFunction.Embedding;
using DescribeFunction.Filtering;
using DescribeFunction.Firestore;
using DescribeFunction.FirestoreStore;
using DescribeFunction.GoogleCloud;
using DescribeFunction.Hosting;
using DescribeFunction.Logging;
using DescribeFunction.Notifying;
using DescribeFunction.PubSub;
using DescribeFunction.Reliability;
using DescribeFunction.Spending;
using DescribeFunction.Spending.Grants;
using DescribeFunction.Storage;
using DescribeFunction.Store;
using DescribeFunction.Versions;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DescribeFunction;

/// <summary>
/// The function's wiring: its settings, then the Google project and credential (resolved once, before the container
/// is built), then every client as a thread-safe singleton made with its own <c>Create</c>, never per event.
/// </summary>
public sealed class DescribeImageStartup : IFunctionStartup
{
    private FunctionSettings? _settings;

    /// <summary>The settings as read and validated; available once the host has called <see cref="ReadSettings"/>.</summary>
    public FunctionSettings Settings => _settings ?? throw new InvalidOperationException("The settings have not been read yet.");

    private StructuredSchema? _schema;

    public FunctionSettings ReadSettings(SettingsReader settings)
    {
        _settings = FunctionSettings.Read(settings);
        // Loaded and checked now, so a schema the function cannot use stops startup with the other bad settings.
        _schema = StructuredSchema.Read(_settings.Model, settings);
        // Checked here rather than in FunctionSettings.Read, as the pattern's grammar is Filtering's and Filtering
        // reads the settings.
        if (_settings.Filter.OwnerPattern is { } owners && OwnerPattern.Problem(owners) is { } problem)
        {
            settings.Require(false, problem);
        }

        return _settings;
    }

    /// <summary>The services in the order an event meets them, each folder registering its own.</summary>
    public async Task ConfigureServicesAsync(IServiceCollection services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        var settings = Settings;
        var google = await GoogleCloudContextLoader.LoadAsync(settings, cancellationToken);
        services.Configure<CloudLoggingFormatterOptions>(o => o.ProjectId = google.ProjectId);
        services.TryAddSingleton(google);
        services.TryAddSingleton(TimeProvider.System);
        services
            .AddSettings(settings)
            .AddFiltering()
            .AddAdmission()
            .AddStorage(settings.Cloud, settings.Delivery, google.Credential)
            .AddFirestoreStore(settings.Cloud, settings.Store, google.ProjectId, google.Credential)
            .AddSpending(settings.Spend)
            .AddDescribing(settings.Model, _schema, google.ProjectId, google.Credential)
            .AddReliability()
            .AddEmbedding(settings.Embedding, settings.Model, google.ProjectId, google.Credential)
            .AddNotices(settings.Notices, settings.Cloud, settings.Reliability, google.ProjectId, google.Credential)
            .AddVersionSteps();
        services.TryAddSingleton<DescribeImageFunction>();
        services.TryAddSingleton<IStorageEventProcessor>(sp => sp.GetRequiredService<DescribeImageFunction>());
        services.TryAddSingleton<IVersionDescriber>(sp => sp.GetRequiredService<DescribeImageFunction>());
    }
}
