using DescribeFunction.CommandLine;
using DescribeFunction.Notifying;
using DescribeFunction.Storage;
using DescribeFunction.Store;

namespace DescribeFunction.Backfill;

/// <summary><c>backfill --renotify</c> inside the backfill command: the same services, a <see cref="RenotifyRun"/> instead of the runner.</summary>
internal static class RenotifyCommand
{
    public static void Register(IServiceCollection services, BackfillPlan plan, TimeProvider clock) =>
        services.AddSingleton(sp => new RenotifyRun(
            sp.GetRequiredService<StorageObjectLister>(),
            sp.GetRequiredService<INoticeStore>(),
            sp.GetService<NoticeSender>() ?? throw new UsageException("The option --renotify needs NOTIFY_TOPIC set: the topic the notices go to."),
            plan,
            clock,
            sp.GetRequiredService<ILogger<RenotifyRun>>()));

    public static async Task<int> RunAsync(IServiceProvider services, BackfillOptions options, TextWriter output, CancellationToken stop)
    {
        var summary = await services.GetRequiredService<RenotifyRun>().RunAsync(stop);
        await output.WriteLineAsync(options.Json ? summary.ToJson() : summary.ToTable());
        return summary.ExitCode;
    }
}
