using DescribeFunction.CommandLine;
using DescribeFunction.Configuration;
using DescribeFunction.Describing;
using DescribeFunction.Filtering;
using DescribeFunction.GoogleCloud;
using DescribeFunction.Hosting;
using DescribeFunction.Storage;
using DescribeFunction.Store;
using DescribeFunction.Versions;
using Microsoft.Extensions.Logging.Console;

namespace DescribeFunction.Backfill;

/// <summary>The backfill's services: the function's, composed as the event host composes them, plus the lister and the runner.</summary>
internal static class BackfillServices
{
    /// <summary>Built before anything is listed: a client that cannot be made stops the run first.</summary>
    public static async Task<IHost> BuildAsync(BackfillOptions options, IFunctionStartup startup, BackfillHooks hooks, CancellationToken cancellationToken)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddEnvironmentVariables().AddInMemoryCollection(hooks.Settings);
        var clock = hooks.Clock ?? TimeProvider.System;
        await FunctionComposition.ComposeAsync(builder, startup, (host, settings) =>
        {
            var bucket = BucketOf(options, settings);
            // One line per object is the function's event log; a run of a million objects shows progress instead.
            builder.Logging.AddFilter("DescribeFunction", host.OnGoogleCloud ? LogLevel.Information : LogLevel.Warning);
            builder.Logging.AddFilter("DescribeFunction.Backfill", LogLevel.Information);
            hooks.Logging?.Invoke(builder.Logging);
            // Off Google Cloud the summary (or --json) alone goes to stdout.
            builder.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = host.OnGoogleCloud ? LogLevel.None : LogLevel.Trace);
            if (hooks.Clock is not null)
            {
                builder.Services.AddSingleton(clock); // the function's clock too: leases, the ledger's day, the budget's refresh
            }

            builder.Services.AddSingleton(sp => Lister(settings.Cloud, sp.GetRequiredService<GoogleCloudContext>(), bucket));
            builder.Services.AddSingleton(sp => new BackfillRunner(
                sp.GetRequiredService<IVersionDescriber>(),
                sp.GetRequiredService<IDescriptionStore>(),
                sp.GetRequiredService<ImageFilter>(),
                sp.GetRequiredService<StorageObjectLister>(),
                sp.GetRequiredService<StorageObjectReader>(),
                Plan(options, settings, bucket, clock),
                clock,
                sp.GetRequiredService<ILogger<BackfillRunner>>()));
            RenotifyCommand.Register(builder.Services, Plan(options, settings, bucket, clock), clock);
            ReembedCommand.Register(builder.Services, Plan(options, settings, bucket, clock), clock);
        }, cancellationToken);

        var app = builder.Build();
        app.Services.GetRequiredService<BackfillRunner>();
        return app;
    }

    private static string BucketOf(BackfillOptions options, FunctionSettings settings)
    {
        if (options.Bucket is { } bucket && settings.Filter.TriggerBucket is { } trigger && bucket != trigger)
        {
            throw new UsageException($"The option --bucket names {bucket}, but TRIGGER_BUCKET is {trigger}, and the function describes only that bucket's objects.");
        }

        return options.Bucket ?? settings.Filter.TriggerBucket
            ?? throw new UsageException("Name the bucket to describe with --bucket NAME (or set TRIGGER_BUCKET).");
    }

    private static StorageObjectLister Lister(GoogleCloudSettings settings, GoogleCloudContext google, string bucket) =>
        settings.StorageEmulatorHost is null && google.Credential is null
            ? throw new InvalidSettingsException($"Listing gs://{bucket} needs Google credentials, but none were loaded (with OPENAI_API_KEY and FIRESTORE_EMULATOR_HOST set, set STORAGE_EMULATOR_HOST or unset OPENAI_API_KEY).")
            : StorageObjectLister.Create(settings.StorageEmulatorHost, google.Credential);

    private static BackfillPlan Plan(BackfillOptions options, FunctionSettings settings, string bucket, TimeProvider clock)
    {
        var shard = Shard.From(settings.Task);
        var policy = new RedescribePolicy(options.Redescribe, options.IncludePoison, DescriberIdentity.From(settings.Model), clock.GetUtcNow());
        var run = shard.Execution is { } execution ? $"{execution}-{shard.Index}-{shard.Attempt}" : Guid.NewGuid().ToString("N");
        return new BackfillPlan(bucket, options, shard, policy, "backfill-" + run);
    }
}
