using DescribeFunction.Configuration;
using DescribeFunction.Describing;
using DescribeFunction.Documents;
using DescribeFunction.Filtering;
using DescribeFunction.Firestore;
using DescribeFunction.Google;
using DescribeFunction.Reliability;
using DescribeFunction.Storage;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DescribeFunction.Hosting;

/// <summary>
/// Registers the function and its clients. Every client is a thread-safe singleton, built once at startup after
/// the project and credential are known (see <see cref="StartupInitializer"/>), never per event.
/// </summary>
internal static class FunctionServices
{
    /// <summary>The most bytes an inline image may have: Vertex AI takes inline data up to 20 MB per request.</summary>
    public const long MaxInlineImageBytes = 15 * 1024 * 1024;

    public static void Add(IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<GoogleCloudContextHolder>();
        services.AddHostedService<StartupInitializer>();
        services.TryAddSingleton(sp => sp.GetRequiredService<GoogleCloudContextHolder>().Context);
        services.TryAddSingleton(sp =>
        {
            var (options, context) = Resolve(sp);
            return ChatClientFactory.Create(options, context.ProjectId, context.Credential);
        });
        services.TryAddSingleton<ImageDescriber>();
        services.TryAddSingleton(sp =>
        {
            var (options, context) = Resolve(sp);
            return FirestoreClient.Create(options, context.ProjectId, context.Credential);
        });
        services.TryAddSingleton<DescriptionStore>();
        services.TryAddSingleton<DeletionRecorder>();
        services.TryAddSingleton<RetryingDescriber>();
        services.TryAddSingleton(sp =>
        {
            var (options, context) = Resolve(sp);
            var emulator = options.StorageEmulatorHost is { } host ? new Uri(host.Contains("://", StringComparison.Ordinal) ? host : "http://" + host) : null;
            return new StorageObjectReader(new HttpClient { Timeout = TimeSpan.FromMinutes(2) }, emulator ?? StorageObjectReader.ProductionApiBase, emulator is null ? context.Credential : null, MaxInlineImageBytes);
        });
        services.TryAddSingleton<ImageFilter>();
        services.TryAddSingleton<IStorageEventProcessor, DescribeImageFunction>();
    }

    private static (DescribeOptions Options, GoogleCloudContext Context) Resolve(IServiceProvider services) =>
        (services.GetRequiredService<DescribeOptions>(), services.GetRequiredService<GoogleCloudContext>());
}

/// <summary>Holds the <see cref="GoogleCloudContext"/> once startup has resolved it (tests may fill it in first).</summary>
public sealed class GoogleCloudContextHolder
{
    private GoogleCloudContext? _context;

    public GoogleCloudContext Context
    {
        get => _context ?? throw new InvalidOperationException("The Google Cloud project and credential are not resolved yet.");
        set => _context = value;
    }

    public bool IsResolved => _context is not null;
}

/// <summary>
/// Runs before the server listens: resolves the project and credential, then builds the function and its clients,
/// so that a bad setting stops startup and the first event pays no construction cost.
/// </summary>
internal sealed class StartupInitializer(IServiceProvider services, GoogleCloudContextHolder holder, DescribeOptions options) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!holder.IsResolved)
        {
            holder.Context = await GoogleCloudContextLoader.LoadAsync(options, cancellationToken);
        }

        services.GetRequiredService<IStorageEventProcessor>();
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
