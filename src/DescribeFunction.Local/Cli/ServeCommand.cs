using System.Globalization;
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
    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        var noFunction = args.Contains("--no-function");
        var ports = ParsePorts(args);
        var forwardTo = Option(args, "--forward-to");
        var galleryPort = Port(args, "--gallery-port", GalleryServer.DefaultPort);
        // Checked before anything starts, so a second serve says which port is taken instead of half starting.
        PortInUseException.ThrowIfTaken("firestore", ports.Firestore);
        PortInUseException.ThrowIfTaken("describer", ports.Describer);
        PortInUseException.ThrowIfTaken("storage", ports.Storage);
        PortInUseException.ThrowIfTaken("metadata", ports.Metadata);
        if (!noFunction)
        {
            PortInUseException.ThrowIfTaken("function", ports.Function);
        }

        if (!args.Contains("--no-gallery"))
        {
            PortInUseException.ThrowIfTaken("gallery", galleryPort);
        }

        var pubsubPort = Port(args, "--pubsub-port", LocalNotices.DefaultPort);
        if (args.Contains("--pubsub"))
        {
            PortInUseException.ThrowIfTaken("pubsub", pubsubPort);
        }

        using var stop = new StopSignal();

        var dataRoot = Path.Combine(Directory.GetCurrentDirectory(), ".local-data");
        await using var environment = await LocalEnvironment.StartAsync(ports, dataRoot, LocalFirestore.FromArgs(args).KeepingDocuments(), stop.Token);
        if (Option(args, "--chunk-delay") is { } delay)
        {
            environment.DescriberSettings.ChunkDelay = TimeSpan.FromMilliseconds(int.Parse(delay, CultureInfo.InvariantCulture));
        }

        // The gallery shows descriptions growing while they stream; an explicit PROGRESSIVE_WRITES still wins.
        var functionSettings = new Dictionary<string, string?> { ["PROGRESSIVE_WRITES"] = Environment.GetEnvironmentVariable("PROGRESSIVE_WRITES") ?? "true" };
        if (args.Contains("--structured"))
        {
            functionSettings["DESCRIBE_OUTPUT"] = "structured";
        }

        await using var notices = args.Contains("--pubsub") ? await LocalNotices.StartAsync(pubsubPort, output, stop.Token) : null;
        foreach (var (key, value) in notices?.FunctionSettings ?? new Dictionary<string, string>())
        {
            functionSettings[key] = value;
        }

        var function = noFunction ? null : await LocalFunction.StartAsync(environment, ports.Function, functionSettings, stop.Token);
        var functionUrl = function is not null ? new Uri(function.Urls.First()) : forwardTo is not null ? new Uri(forwardTo) : null;
        if (functionUrl is not null)
        {
            LocalFunction.ForwardUploads(environment, functionUrl, output);
        }

        var resolved = function?.Services.GetRequiredService<FunctionSettings>();
        await using var gallery = args.Contains("--no-gallery")
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
        _ => "--gallery-port",
    };

    private static LocalPorts ParsePorts(string[] args) => new(
        Port(args, "--firestore-port", LocalPorts.Serve.Firestore),
        Port(args, "--describer-port", LocalPorts.Serve.Describer),
        Port(args, "--storage-port", LocalPorts.Serve.Storage),
        Port(args, "--metadata-port", LocalPorts.Serve.Metadata),
        Port(args, "--function-port", LocalPorts.Serve.Function));

    internal static int Port(string[] args, string name, int fallback) =>
        Option(args, name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

    internal static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
