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

    public async Task ConfigureServicesAsync(IServiceCollection services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        var settings = Settings;
        var google = await GoogleCloudContextLoader.LoadAsync(settings, cancellationToken);
        services.Configure<CloudLoggingFormatterOptions>(o => o.ProjectId = google.ProjectId);
        RegisterSettings(services, settings);
        services.TryAddSingleton(google);
        if (_schema is not null)
        {
            services.TryAddSingleton(_schema);
        }

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(ChatClientFactory.Create(settings.Model, google.ProjectId, google.Credential));
        services.TryAddSingleton(FirestoreClient.Create(google.ProjectId, settings.Store.FirestoreDatabase, settings.Cloud.FirestoreEmulatorHost, google.Credential));
        services.TryAddSingleton(StorageObjectReader.Create(settings.Cloud.StorageEmulatorHost, google.Credential, settings.Delivery.InlineImageMaxBytes));
        services.TryAddSingleton(sp => new DocumentEmbedder(
            EmbeddingClientFactory.Create(settings.Embedding, settings.Model, google.ProjectId, google.Credential),
            settings.Embedding, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<DocumentEmbedder>>()));
        services.TryAddSingleton<IImageDescriber, ImageDescriber>();
        services.TryAddSingleton<FirestoreDescriptionStore>();
        services.TryAddSingleton<IDescriptionStore>(sp => sp.GetRequiredService<FirestoreDescriptionStore>());
        services.TryAddSingleton<INoticeStore>(sp => sp.GetRequiredService<FirestoreDescriptionStore>());
        services.TryAddSingleton<IEmbeddingStore>(sp => sp.GetRequiredService<FirestoreDescriptionStore>());
        if (settings.Notices.NotifyTopic is { } topic)
        {
            services.TryAddSingleton<IPubSubPublisher>(PubSubClient.Create(settings.Cloud.PubSubEmulatorHost, google.Credential));
            services.TryAddSingleton(sp => new NoticeSender(
                sp.GetRequiredService<INoticeStore>(), sp.GetRequiredService<IPubSubPublisher>(), TopicName.Resolve(topic, google.ProjectId),
                settings.Reliability.DuplicateWait, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<NoticeSender>>()));
        }

        services.TryAddSingleton<IUsageLedger, FirestoreUsageLedger>();
        services.TryAddSingleton<BudgetGate>();
        services.TryAddSingleton<IAllocationShards, FirestoreAllocationShards>();
        services.TryAddSingleton<GrantAllocator>();
        services.TryAddSingleton(new GrantPoolOptions());
        services.TryAddSingleton<GrantPool>();
        services.TryAddSingleton<TokenEstimator>();
        services.TryAddSingleton<StrictBudgetGate>();
        services.TryAddSingleton<IBudgetGate>(sp => settings.Spend.BudgetMode == BudgetMode.Strict
            ? sp.GetRequiredService<StrictBudgetGate>()
            : sp.GetRequiredService<BudgetGate>());
        services.TryAddSingleton<DescribeSlots>();
        services.TryAddSingleton<InlineByteBudget>();
        services.TryAddSingleton<RetryingDescriber>();
        services.TryAddSingleton<ImageFilter>();
        services.TryAddSingleton<DescribeImageFunction>();
        services.TryAddSingleton<IStorageEventProcessor>(sp => sp.GetRequiredService<DescribeImageFunction>());
        services.TryAddSingleton<IVersionDescriber>(sp => sp.GetRequiredService<DescribeImageFunction>());
    }

    /// <summary>Each topic's record on its own, so a component asks for exactly the records it reads.</summary>
    private static void RegisterSettings(IServiceCollection services, FunctionSettings settings)
    {
        services.TryAddSingleton(settings);
        services.TryAddSingleton(settings.Cloud);
        services.TryAddSingleton(settings.Model);
        services.TryAddSingleton(settings.Delivery);
        services.TryAddSingleton(settings.Filter);
        services.TryAddSingleton(settings.Store);
        services.TryAddSingleton(settings.Notices);
        services.TryAddSingleton(settings.Reliability);
        services.TryAddSingleton(settings.Admission);
        services.TryAddSingleton(settings.Spend);
        services.TryAddSingleton(settings.Ledger);
        services.TryAddSingleton(settings.Embedding);
        services.TryAddSingleton(settings.Task);
    }
}
