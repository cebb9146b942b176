using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using DescribeFunction.Backfill;
using DescribeFunction.CommandLine;
using DescribeFunction.Local.Hosting;

namespace DescribeFunction.Local.Cli;

/// <summary>
/// <c>backfill …</c>: the function's own backfill command against the stand-ins — those of a running <c>serve</c> when
/// its ports answer, otherwise its own over <c>.local-data/</c> (as <c>serve</c> keeps it). <c>--samples</c> first
/// puts the bundled sample images into the local bucket, as <c>describe</c> would; a fresh bucket gets them anyway.
/// </summary>
internal static class BackfillLocalCommand
{
    public const string Usage = """
        Usage: backfill [OPTIONS] [--samples]

        The function's backfill command on the local bucket (--bucket defaults to local-bucket): against the stand-ins
        of a running serve when its ports answer, otherwise its own over .local-data/, with the documents serve keeps.

          --samples            first put the bundled sample images into the local bucket (a fresh bucket gets them anyway)

        The options of DescribeFunction backfill:
        """;

    /// <summary>The function's backfill options and <c>--samples</c>.</summary>
    private static readonly CommandSyntax Syntax = BackfillOptions.Syntax with
    {
        HelpCommand = "backfill --help",
        Flags = [.. BackfillOptions.Syntax.Flags, "--samples"],
    };

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter errors)
    {
        // Checked before the stand-ins start: a mistake or --help starts nothing.
        var parsed = Syntax.Parse(args);
        var options = BackfillOptions.From(parsed);
        if (options.Help)
        {
            await output.WriteLineAsync(Usage + Environment.NewLine + BackfillOptions.Usage);
            return 0;
        }

        using var stop = new CancellationTokenSource();
        using var abort = new CancellationTokenSource();
        void OnSignal(PosixSignalContext context)
        {
            context.Cancel = true;
            (stop.IsCancellationRequested ? abort : stop).Cancel();
        }

        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
        var samples = parsed.Flag("--samples");
        var rest = args.Where(a => a != "--samples" && !a.StartsWith("--samples=", StringComparison.Ordinal)).ToList();
        if (!parsed.Has("--bucket"))
        {
            rest.InsertRange(0, ["--bucket", LocalEnvironment.Bucket]);
        }

        var hooks = new BackfillHooks { Stop = stop.Token, Abort = abort.Token, Terminal = Console.IsErrorRedirected ? null : errors };
        if (await ServeIsRunningAsync())
        {
            await errors.WriteLineAsync("Using the stand-ins of the running `serve` (127.0.0.1:8681-8684).");
            var serve = LocalPorts.Serve;
            var settings = LocalEnvironment.SettingsFor(Loopback(serve.Firestore), Loopback(serve.Describer), Loopback(serve.Storage), Loopback(serve.Metadata));
            if (samples)
            {
                await errors.WriteLineAsync("--samples needs the stand-ins of this command: upload through `serve`'s storage instead.");
                return 2;
            }

            return await BackfillCommand.RunAsync([.. rest], new DescribeImageStartup(), hooks with { Settings = WithBucket(settings) }, output, errors);
        }

        var dataRoot = LocalDataFolder.Prepare("backfill");
        await using var environment = await LocalEnvironment.StartAsync(LocalPorts.Ephemeral, dataRoot, LocalFirestore.StandIn.KeepingDocuments(), stop.Token);
        if (samples || environment.BucketStore.List(LocalEnvironment.Bucket).Length == 0)
        {
            foreach (var file in ImageFiles.Samples())
            {
                environment.BucketStore.Put(LocalEnvironment.Bucket, Path.GetFileName(file), await File.ReadAllBytesAsync(file, stop.Token), ImageFiles.ContentType(file));
            }
        }

        await errors.WriteLineAsync($"Started the stand-ins over {dataRoot} (with the documents serve and earlier backfills kept there).");
        return await BackfillCommand.RunAsync([.. rest], new DescribeImageStartup(), hooks with { Settings = WithBucket(environment.FunctionSettings) }, output, errors);
    }

    private static Dictionary<string, string?> WithBucket(IReadOnlyDictionary<string, string> settings)
    {
        var all = settings.ToDictionary(kv => kv.Key, kv => (string?)kv.Value);
        all["TRIGGER_BUCKET"] = LocalEnvironment.Bucket;
        return all;
    }

    private static Uri Loopback(int port) => new($"http://127.0.0.1:{port}/");

    private static async Task<bool> ServeIsRunningAsync()
    {
        var serve = LocalPorts.Serve;
        foreach (var port in new[] { serve.Firestore, serve.Describer, serve.Storage, serve.Metadata })
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
                await socket.ConnectAsync(IPAddress.Loopback, port, timeout.Token);
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException)
            {
                return false;
            }
        }

        return true;
    }
}
