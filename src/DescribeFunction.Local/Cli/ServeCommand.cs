using DescribeFunction.CommandLine;
using DescribeFunction.Configuration;
using DescribeFunction.Local.Gallery;
using DescribeFunction.Local.Hosting;

namespace DescribeFunction.Local.Cli;

/// <summary>
/// Runs the stand-ins (and, unless <c>--no-function</c>, the function) on fixed loopback ports until Ctrl+C or
/// SIGTERM, acting as Eventarc for uploads to the local bucket, with the gallery (unless <c>--no-gallery</c>).
/// </summary>
internal static class ServeCommand
{
    public const string Usage = """
        Usage: serve [options]

        Runs the stand-ins on 127.0.0.1:8681-8684, the function on :8080 and the gallery on :8685 until Ctrl+C, acting
        as Eventarc for uploads to the local bucket. The bucket and the stand-in's documents are kept in .local-data/
        (in the current folder) across restarts.

          --no-function          run no function: uploads are stored, and delivered only with --forward-to
          --forward-to URL       deliver the finalize events to a function running elsewhere
          --no-gallery           no gallery
          --structured           the function with DESCRIBE_OUTPUT=structured (alt text, labels)
          --chunk-delay MS       the offline describer waits MS milliseconds between streamed chunks
          --firestore KIND       standin (default), or emulator: Google's official emulator (gcloud and Java)
          --pubsub               also Google's Pub/Sub emulator: a notice per finished image, printed as it arrives
          --firestore-port N     the Firestore stand-in's or emulator's port (default 8681)
          --describer-port N     the offline describer's port (default 8682)
          --storage-port N       the Cloud Storage stand-in's port (default 8683)
          --metadata-port N      the metadata server's port (default 8684)
          --function-port N      the function's port (default 8080)
          --gallery-port N       the gallery's port (default 8685)
          --pubsub-port N        the Pub/Sub emulator's port with --pubsub (default 8686)
          --help                 this text

        Exit codes: 0 stopped by Ctrl+C; 2 a bad option or setting, a port already taken, a data folder that cannot
        be written.
        """;

    private static readonly CommandSyntax Syntax = new(
        "serve",
        "serve --help",
        ["--firestore-port", "--describer-port", "--storage-port", "--metadata-port", "--function-port", "--gallery-port", "--pubsub-port", "--chunk-delay", "--forward-to", "--firestore"],
        ["--no-function", "--no-gallery", "--structured", "--pubsub"]);

    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        var options = Syntax.Parse(args);
        if (options.Help)
        {
            await output.WriteLineAsync(Usage);
            return 0;
        }

        var noFunction = options.Flag("--no-function");
        var noGallery = options.Flag("--no-gallery");
        var pubsub = options.Flag("--pubsub");
        var ports = new LocalPorts(
            options.Port("--firestore-port") ?? LocalPorts.Serve.Firestore,
            options.Port("--describer-port") ?? LocalPorts.Serve.Describer,
            options.Port("--storage-port") ?? LocalPorts.Serve.Storage,
            options.Port("--metadata-port") ?? LocalPorts.Serve.Metadata,
            options.Port("--function-port") ?? LocalPorts.Serve.Function);
        var forwardTo = options.Value("--forward-to") is { } url
            ? Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri
                : throw new UsageException($"The option --forward-to must be an http:// or https:// URL, not '{url}'.")
            : null;
        var galleryPort = options.Port("--gallery-port") ?? GalleryServer.DefaultPort;
        var pubsubPort = options.Port("--pubsub-port") ?? LocalNotices.DefaultPort;
        var chunkDelay = options.WholeNumber("--chunk-delay", 0, 60_000);
        var firestoreChoice = LocalFirestore.FromOption(options.Value("--firestore"));
        // Checked before anything starts, so a second serve says which port is taken instead of half starting.
        PortInUseException.ThrowIfTaken("firestore", ports.Firestore);
        PortInUseException.ThrowIfTaken("describer", ports.Describer);
        PortInUseException.ThrowIfTaken("storage", ports.Storage);
        PortInUseException.ThrowIfTaken("metadata", ports.Metadata);
        if (!noFunction)
        {
            PortInUseException.ThrowIfTaken("function", ports.Function);
        }

        if (!noGallery)
        {
            PortInUseException.ThrowIfTaken("gallery", galleryPort);
        }

        if (pubsub)
        {
            PortInUseException.ThrowIfTaken("pubsub", pubsubPort);
        }

        var dataRoot = LocalDataFolder.Prepare("serve");
        using var stop = new StopSignal();

        await using var environment = await LocalEnvironment.StartAsync(ports, dataRoot, firestoreChoice.KeepingDocuments(), stop.Token);
        if (chunkDelay is { } delay)
        {
            environment.DescriberSettings.ChunkDelay = TimeSpan.FromMilliseconds(delay);
        }

        // The gallery shows descriptions growing while they stream; an explicit PROGRESSIVE_WRITES still wins.
        var functionSettings = new Dictionary<string, string?> { ["PROGRESSIVE_WRITES"] = Environment.GetEnvironmentVariable("PROGRESSIVE_WRITES") ?? "true" };
        if (options.Flag("--structured"))
        {
            functionSettings["DESCRIBE_OUTPUT"] = "structured";
        }

        await using var notices = pubsub ? await LocalNotices.StartAsync(pubsubPort, output, stop.Token) : null;
        foreach (var (key, value) in notices?.FunctionSettings ?? new Dictionary<string, string>())
        {
            functionSettings[key] = value;
        }

        var function = noFunction ? null : await LocalFunction.StartAsync(environment, ports.Function, functionSettings, stop.Token);
        var functionUrl = function is not null ? new Uri(function.Urls.First()) : forwardTo;
        if (functionUrl is not null)
        {
            LocalFunction.ForwardUploads(environment, functionUrl, output);
        }

        var resolved = function?.Services.GetRequiredService<FunctionSettings>();
        await using var gallery = noGallery
            ? null
            : await LocalGallery.StartAsync(environment, resolved ?? new FunctionSettings(), galleryPort, stop.Token);
        await output.WriteLineAsync(Banner(environment, functionUrl, resolved, gallery?.BaseAddress));
        if (notices is not null)
        {
            await output.WriteLineAsync($"Pub/Sub emulator on {notices.HostPort}: notices go to projects/{LocalEnvironment.ProjectId}/topics/{LocalNotices.Topic} and are printed here as they arrive (pull subscription {LocalNotices.Subscription}).");
        }

        await stop.WaitAsync();

        var database = function?.Services.GetRequiredService<FunctionSettings>().Store.FirestoreDatabase ?? new FunctionSettings().Store.FirestoreDatabase;
        await output.WriteLineAsync(await UsagePrinter.TodayAsync(function?.Services, environment.CreateDocumentsClient(database), CancellationToken.None));
        if (function is not null)
        {
            await function.StopAsync(CancellationToken.None);
            await function.DisposeAsync();
        }

        await output.WriteLineAsync("Stopped.");
        return 0;
    }

    /// <param name="inProcess">The settings the function in this process resolved; null when there is none.</param>
    /// <param name="gallery">Where the gallery listens; null with <c>--no-gallery</c>.</param>
    private static string Banner(LocalEnvironment environment, Uri? functionUrl, FunctionSettings? inProcess, Uri? gallery)
    {
        var exports = string.Join(Environment.NewLine, environment.FunctionSettings.Select(kv => $"  export {kv.Key}={kv.Value}"));
        var function = functionUrl is null
            ? "  (none: uploads are stored but no event is delivered; add --forward-to URL)"
            : $"  {functionUrl} {(inProcess is not null ? "(the real function host)" : "(events are forwarded there)")}";
        // Another process's settings are unknown here: show where a function with the default settings writes.
        var store = inProcess ?? new FunctionSettings();
        var where = inProcess is null ? " (where a function with the default FIRESTORE_DATABASE and FIRESTORE_COLLECTION writes it)" : "";
        var firestore = environment.FirestoreBaseAddress;
        var firestoreKind = environment.UsesFirestoreStandIn ? "stand-in" : "Google's official emulator";
        var storage = environment.Storage.BaseAddress;
        return $"""
            DescribeFunction local stand-ins (development tools, loopback only, data in .local-data/):
              Firestore REST        {firestore} ({firestoreKind})
              Offline describer     {environment.Describer.BaseAddress}
              Cloud Storage         {storage}
              Metadata server       {environment.Metadata.BaseAddress}
            Gallery (drop images in, watch them described):
              {gallery?.AbsoluteUri ?? "(off: --no-gallery)"}
            Function:
            {function}

            Point a function at them:
            {exports}

            Upload an image (the local bucket delivers the finalize event, as Eventarc would):
              curl --data-binary @photo.jpg -H 'Content-Type: image/jpeg' '{storage}upload/storage/v1/b/{LocalEnvironment.Bucket}/o?uploadType=media&name=photo.jpg'
            Read its description{where}:
              curl -H 'Authorization: Bearer owner' '{firestore}v1/projects/{LocalEnvironment.ProjectId}/databases/{store.Store.FirestoreDatabase}/documents/{store.Store.FirestoreCollection}/photo.jpg'

            Press Ctrl+C to stop.
            """;
    }

    /// <summary>The option that moves each server's port, for the sentence a taken port prints.</summary>
    internal static string PortOption(string server) => server switch
    {
        "firestore" or "Google's Firestore emulator" => "--firestore-port",
        "describer" => "--describer-port",
        "storage" => "--storage-port",
        "metadata" => "--metadata-port",
        "function" => "--function-port",
        "pubsub" or "Google's Pub/Sub emulator" => "--pubsub-port",
        _ => "--gallery-port",
    };
}
