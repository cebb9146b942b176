namespace DescribeFunction.Local.Cli;

/// <summary>The local runner's commands: <c>describe</c> (the one-command demo), <c>serve</c> and <c>backfill</c>.</summary>
public static class LocalCli
{
    public const string Usage = """
        DescribeFunction local runner: offline stand-ins for Firestore, the model endpoint, Cloud Storage and the
        metadata server, and the real function host. A development tool; nothing here talks to Google Cloud.

        Usage:
          describe [IMAGE...] [--inline] [--structured]
                                           describe the images (default: the bundled samples), show each description
                                           as it streams, then print the stored Firestore documents; --structured
                                           asks for JSON (DESCRIBE_OUTPUT=structured) and prints altText and labels
          serve [--no-function]            run the stand-ins on 127.0.0.1:8681-8684 and the function on :8080 until Ctrl+C
          backfill [OPTIONS] [--samples]   the function's backfill command on the local bucket: against a running
                                           serve, or its own stand-ins over .local-data/ (--samples adds the bundled
                                           images); `backfill --help` lists the options
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
        catch (FileNotFoundException e)
        {
            await Console.Error.WriteLineAsync(e.Message);
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
