using System.Runtime.InteropServices;
using DescribeFunction.Configuration;
using DescribeFunction.Describing;
using DescribeFunction.Documents;
using DescribeFunction.Filtering;
using DescribeFunction.GoogleCloud;
using DescribeFunction.Hosting;
using DescribeFunction.Storage;
using Microsoft.Extensions.Logging.Console;

namespace DescribeFunction.Backfill;

/// <summary>
/// <c>DescribeFunction backfill …</c>: the same settings and the same services as the event host (built by
/// <see cref="DescribeImageStartup"/>), with a lister in front of the function instead of an HTTP endpoint.
/// </summary>
public static class BackfillCommand
{
    public const string Name = "backfill";

    /// <summary>How long descriptions in flight may finish after SIGTERM; Cloud Run jobs allow 10 s before SIGKILL.</summary>
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(8);

    /// <summary>The process entry: signals stop the run gracefully (a second one aborts).</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        using var stop = new CancellationTokenSource();
        using var abort = new CancellationTokenSource();
        void OnSignal(PosixSignalContext context)
        {
            context.Cancel = true;
            if (stop.IsCancellationRequested)
            {
                abort.Cancel();
                return;
            }

            stop.Cancel();
            abort.CancelAfter(StopGrace);
        }

        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        var terminal = Console.IsErrorRedirected ? null : Console.Error;
        return await RunAsync(args, new BackfillHooks { Stop = stop.Token, Abort = abort.Token, Terminal = terminal }, Console.Out, Console.Error);
    }

    /// <returns>The exit code: 0 all handled, 1 transient failures remain, 2 a bad option or setting.</returns>
    public static async Task<int> RunAsync(string[] args, BackfillHooks hooks, TextWriter output, TextWriter errors)
    {
        ArgumentNullException.ThrowIfNull(hooks);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(errors);
        try
        {
            var options = BackfillOptions.Parse(args);
            if (options.Help)
            {
                await output.WriteLineAsync(BackfillOptions.Usage);
                return 0;
            }

            await using var services = await BuildServicesAsync(options, hooks, hooks.Abort);
            if (options.Renotify)
            {
                return await RenotifyCommand.RunAsync(services, options, output, hooks.Stop);
            }

            var runner = services.GetRequiredService<BackfillRunner>();
            var logger = services.GetRequiredService<ILogger<BackfillRunner>>();
            BackfillSummary summary;
            await using (new BackfillProgress(runner, options.Json ? null : hooks.Terminal, logger, hooks.LogInterval, hooks.Clock ?? TimeProvider.System))
            {
                summary = await runner.RunAsync(hooks.Stop, hooks.Abort);
            }

            await output.WriteLineAsync(options.Json ? summary.ToJson() : summary.ToTable());
            return summary.ExitCode;
        }
        catch (Exception e) when (e is BackfillUsageException or InvalidSettingsException or InvalidDataException)
        {
            await errors.WriteLineAsync(e.Message);
            return 2;
        }
    }

    private static async Task<ServiceProvider> BuildServicesAsync(BackfillOptions options, BackfillHooks hooks, CancellationToken cancellationToken)
    {
        var configuration = new ConfigurationBuilder()
            .Add(new YamlFileConfigurationSource(FunctionHost.ConfigFilePath(), optional: true))
            .AddEnvironmentVariables()
            .AddInMemoryCollection(hooks.Settings)
            .Build();
        var reader = new SettingsReader(configuration);
        var startup = new DescribeImageStartup();
        startup.ReadSettings(reader);
        var shard = Shard.Read(reader);
        var onGoogleCloud = reader.GetString("CLOUD_RUN_JOB") is not null || reader.GetString("K_SERVICE") is not null;
        InvalidSettingsException.ThrowIfAny(reader.Errors);
        var settings = startup.Settings;
        var bucket = BucketOf(options, settings);

        var services = new ServiceCollection();
        services.AddLogging(logging =>
        {
            FunctionHost.ConfigureLogging(logging, new HostSettings { OnGoogleCloud = onGoogleCloud });
            // One line per object is the function's event log; a run of a million objects shows progress instead.
            logging.AddFilter("DescribeFunction", onGoogleCloud ? LogLevel.Information : LogLevel.Warning);
            logging.AddFilter("DescribeFunction.Backfill", LogLevel.Information);
            hooks.Logging?.Invoke(logging);
        });
        // Off Google Cloud the summary (or --json) alone goes to stdout.
        services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = onGoogleCloud ? LogLevel.None : LogLevel.Trace);
        if (hooks.Clock is { } clock)
        {
            services.AddSingleton(clock); // the function's clock too: leases, the ledger's day, the budget's refresh
        }

        await startup.ConfigureServicesAsync(services, cancellationToken);
        services.AddSingleton(sp => Lister(settings, sp.GetRequiredService<GoogleCloudContext>(), bucket));
        services.AddSingleton(sp => new BackfillRunner(
            sp.GetRequiredService<DescribeImageFunction>(),
            sp.GetRequiredService<IDescriptionStore>(),
            sp.GetRequiredService<ImageFilter>(),
            sp.GetRequiredService<StorageObjectLister>(),
            sp.GetRequiredService<StorageObjectReader>(),
            Plan(options, settings, shard, bucket, hooks.Clock ?? TimeProvider.System),
            hooks.Clock ?? TimeProvider.System,
            sp.GetRequiredService<ILogger<BackfillRunner>>()));
        RenotifyCommand.Register(services, Plan(options, settings, shard, bucket, hooks.Clock ?? TimeProvider.System), hooks.Clock ?? TimeProvider.System);
        var provider = services.BuildServiceProvider();
        // Built now: a client that cannot be made stops the run before anything is listed.
        provider.GetRequiredService<BackfillRunner>();
        return provider;
    }

    private static string BucketOf(BackfillOptions options, FunctionSettings settings)
    {
        if (options.Bucket is { } bucket && settings.TriggerBucket is { } trigger && bucket != trigger)
        {
            throw new BackfillUsageException($"The option --bucket names {bucket}, but TRIGGER_BUCKET is {trigger}, and the function describes only that bucket's objects.");
        }

        return options.Bucket ?? settings.TriggerBucket
            ?? throw new BackfillUsageException("Name the bucket to describe with --bucket NAME (or set TRIGGER_BUCKET).");
    }

    private static StorageObjectLister Lister(FunctionSettings settings, GoogleCloudContext google, string bucket) =>
        settings.StorageEmulatorHost is null && google.Credential is null
            ? throw new InvalidSettingsException($"Listing gs://{bucket} needs Google credentials, but none were loaded (with OPENAI_API_KEY and FIRESTORE_EMULATOR_HOST set, set STORAGE_EMULATOR_HOST or unset OPENAI_API_KEY).")
            : StorageObjectLister.Create(settings.StorageEmulatorHost, google.Credential);

    private static BackfillPlan Plan(BackfillOptions options, FunctionSettings settings, Shard shard, string bucket, TimeProvider clock)
    {
        var policy = new RedescribePolicy(options.Redescribe, options.IncludePoison, DescriberIdentity.From(settings), clock.GetUtcNow());
        var run = shard.Execution is { } execution ? $"{execution}-{shard.Index}-{shard.Attempt}" : Guid.NewGuid().ToString("N");
        return new BackfillPlan(bucket, options, shard, policy, "backfill-" + run);
    }
}

/// <summary>What the process entry or a test supplies to a run.</summary>
public sealed record BackfillHooks
{
    /// <summary>Settings on top of function.yaml and the environment (tests, the local runner).</summary>
    public IReadOnlyDictionary<string, string?>? Settings { get; init; }

    /// <summary>The clock of the rate limit and the progress report; the system clock when null.</summary>
    public TimeProvider? Clock { get; init; }

    public Action<ILoggingBuilder>? Logging { get; init; }

    /// <summary>Where the live progress line goes; null logs progress every <see cref="LogInterval"/> instead.</summary>
    public TextWriter? Terminal { get; init; }

    public TimeSpan LogInterval { get; init; } = TimeSpan.FromSeconds(10);

    public CancellationToken Stop { get; init; }

    public CancellationToken Abort { get; init; }
}
