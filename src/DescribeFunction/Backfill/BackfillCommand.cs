using System.Runtime.InteropServices;
using DescribeFunction.CommandLine;
using DescribeFunction.Configuration;
using DescribeFunction.Hosting;

namespace DescribeFunction.Backfill;

/// <summary>
/// <c>DescribeFunction backfill …</c>: the same settings and the same services as the event host (composed by
/// <see cref="FunctionComposition"/> from the function's <see cref="IFunctionStartup"/>), with a lister in front of
/// the function instead of an HTTP endpoint.
/// </summary>
public static class BackfillCommand
{
    public const string Name = "backfill";

    /// <summary>How long descriptions in flight may finish after SIGTERM; Cloud Run jobs allow 10 s before SIGKILL.</summary>
    private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(8);

    /// <summary>The process entry: signals stop the run gracefully (a second one aborts).</summary>
    public static async Task<int> RunAsync(string[] args, IFunctionStartup startup)
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
        return await RunAsync(args, startup, new BackfillHooks { Stop = stop.Token, Abort = abort.Token, Terminal = terminal }, Console.Out, Console.Error);
    }

    /// <param name="args">The command line after <c>backfill</c>.</param>
    /// <param name="startup">The function whose path each listed object takes (it registers an <c>IVersionDescriber</c>).</param>
    /// <param name="hooks">What the process entry or a test supplies.</param>
    /// <param name="output">The summary or <c>--json</c>.</param>
    /// <param name="errors">A bad option or setting, in one sentence.</param>
    /// <returns>The exit code: 0 all handled, 1 transient failures remain, 2 a bad option or setting.</returns>
    public static async Task<int> RunAsync(string[] args, IFunctionStartup startup, BackfillHooks hooks, TextWriter output, TextWriter errors)
    {
        ArgumentNullException.ThrowIfNull(startup);
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

            using var host = await BackfillServices.BuildAsync(options, startup, hooks, hooks.Abort);
            if (options.Renotify)
            {
                return await RenotifyCommand.RunAsync(host.Services, options, output, hooks.Stop);
            }

            if (options.Reembed is not null)
            {
                return await ReembedCommand.RunAsync(host.Services, options, hooks, output);
            }

            var runner = host.Services.GetRequiredService<BackfillRunner>();
            var logger = host.Services.GetRequiredService<ILogger<BackfillRunner>>();
            BackfillSummary summary;
            await using (new BackfillProgress(runner, options.Json ? null : hooks.Terminal, logger, hooks.LogInterval, hooks.Clock ?? TimeProvider.System))
            {
                summary = await runner.RunAsync(hooks.Stop, hooks.Abort);
            }

            await output.WriteLineAsync(options.Json ? BackfillReport.ToJson(summary) : BackfillReport.ToTable(summary));
            return BackfillExit.Code(summary);
        }
        catch (Exception e) when (e is UsageException or InvalidSettingsException or InvalidDataException)
        {
            await errors.WriteLineAsync(e.Message);
            return 2;
        }
    }
}
