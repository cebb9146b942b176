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
                                           images); `backfill --help` lists the options

        describe and serve take --firestore=standin|emulator: the in-process Firestore stand-in (default), or Google's
        official Cloud Firestore emulator started through gcloud (needs the cloud-firestore-emulator component and Java).
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var command = args.Length > 0 ? args[0] : "";
        var rest = args.Skip(1).ToArray();
        try
        {
            return command switch
            {
                "describe" => await DescribeCommand.RunAsync(rest, Console.Out, CancellationToken.None),
                "serve" => await ServeCommand.RunAsync(rest, Console.Out),
                "backfill" => await BackfillLocalCommand.RunAsync(rest, Console.Out, Console.Error),
                _ => PrintUsage(command),
            };
        }
        catch (Exception e) when (e is FileNotFoundException or ArgumentException or DocumentsInUseException)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return 2;
        }
        catch (PortInUseException e)
        {
            await Console.Error.WriteLineAsync(
                $"Port {e.Port} ({e.Server}) is already in use, probably by another serve: stop it, or choose other ports with {ServeCommand.PortOption(e.Server)} N " +
                "(serve takes --firestore-port, --describer-port, --storage-port, --metadata-port, --function-port and --gallery-port).");
            return 2;
        }
        catch (EmulatorUnavailableException e)
        {
            await Console.Error.WriteLineAsync($"An official Google emulator could not be started: {e.Message}");
            return 2;
        }
    }

    private static int PrintUsage(string command)
    {
        var known = command is "" or "help" or "--help" or "-h";
        if (!known)
        {
            Console.Error.WriteLine($"Unknown command '{command}'.");
        }

        Console.WriteLine(Usage);
        return known ? 0 : 2;
    }
}
