using DescribeFunction.CommandLine;
using DescribeFunction.Local.Emulators;
using DescribeFunction.Local.Firestore;
using DescribeFunction.Local.Hosting;

namespace DescribeFunction.Local.Cli;

/// <summary>The local runner's commands: <c>describe</c> (the one-command demo), <c>serve</c> and <c>backfill</c>.</summary>
public static class LocalCli
{
    public const string Usage = """
        DescribeFunction local runner: offline stand-ins for Firestore, the model endpoint, Cloud Storage and the
        metadata server, and the real function host. A development tool; nothing here talks to Google Cloud.

        Usage:
          describe [IMAGE...] [--inline]   describe the images (default: the bundled samples), show each description
                   [--structured]          as it streams, then print the stored Firestore documents; --structured
                   [--open]                asks for JSON (DESCRIBE_OUTPUT=structured) and prints altText and labels;
                   [--gallery-port N]      --open keeps everything running afterwards with the gallery on :8685
          serve [--no-function]            run the stand-ins on 127.0.0.1:8681-8684, the function on :8080 and the
                [--no-gallery]             gallery on :8685 until Ctrl+C; the bucket and the stand-in's documents
                [--gallery-port N]         are kept in .local-data/ across restarts
                [--firestore-port N] [--describer-port N] [--storage-port N] [--metadata-port N] [--function-port N]
                [--chunk-delay MS]
                [--structured]             the function with DESCRIBE_OUTPUT=structured (alt text, labels)
                [--pubsub] [--pubsub-port N]  Google's Pub/Sub emulator on :8686 (needs the pubsub-emulator
                                           component and Java): the function publishes a notice per finished
                                           image, printed as it arrives
          backfill [OPTIONS] [--samples]   the function's backfill command on the local bucket: against a running
                                           serve, or its own stand-ins over .local-data/ (--samples adds the bundled
                                           images)

        describe and serve take --firestore standin|emulator: the in-process Firestore stand-in (default), or Google's
        official Cloud Firestore emulator started through gcloud (needs the cloud-firestore-emulator component and Java).
        Every option takes its value as --name value or --name=value; COMMAND --help lists a command's options.
        Run from the repository, the runner reads the repository's function.yaml (FUNCTION_CONFIG names another).
        Exit codes: 0 done; 1 an image was not described; 2 a bad option, setting or port.
        """;

    /// <summary>The process entry: the console's writers.</summary>
    public static Task<int> RunAsync(string[] args) => RunAsync(args, Console.Out, Console.Error);

    /// <returns>0 done; 1 a run that failed (an image not described); 2 a bad option, setting or port.</returns>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter errors)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(errors);
        var command = args.Length > 0 ? args[0] : "";
        var rest = args.Skip(1).ToArray();
        return await CommandErrors.RunAsync(
            async () => command switch
            {
                "describe" => await DescribeCommand.RunAsync(rest, output, CancellationToken.None),
                "serve" => await ServeCommand.RunAsync(rest, output),
                "backfill" => await BackfillLocalCommand.RunAsync(rest, output, errors),
                _ => await PrintUsageAsync(command, output, errors),
            },
            errors,
            Explain);
    }

    /// <summary>The local runner's own failures, each one sentence; the rest is <see cref="CommandErrors.Explain"/>'s.</summary>
    private static (string, int)? Explain(Exception exception) => exception switch
    {
        PortInUseException e => (
            $"Port {e.Port} ({e.Server}) is already in use, probably by another serve: stop it, or choose other ports with {ServeCommand.PortOption(e.Server)} N " +
            "(serve takes --firestore-port, --describer-port, --storage-port, --metadata-port, --function-port, --gallery-port and --pubsub-port).",
            CommandErrors.Usage),
        EmulatorUnavailableException e => ($"An official Google emulator could not be started: {CommandErrors.Sentence(e.Message)}", CommandErrors.Usage),
        DocumentsInUseException e => (e.Message, CommandErrors.Usage),
        _ => null,
    };

    private static async Task<int> PrintUsageAsync(string command, TextWriter output, TextWriter errors)
    {
        if (command is "" or "help" or "--help" or "-h")
        {
            await output.WriteLineAsync(Usage);
            return 0;
        }

        await errors.WriteLineAsync($"'{command}' is not a command of the local runner; it has describe, serve and backfill (see --help).");
        return CommandErrors.Usage;
    }
}
