using System.Runtime.CompilerServices;
using DescribeFunction.Configuration;
using DescribeFunction.Describing.Structured;
using DescribeFunction.Firestore;
using DescribeFunction.Local.Describer;
using DescribeFunction.Local.Gallery;
using DescribeFunction.Local.Hosting;
using DescribeFunction.Store;

namespace DescribeFunction.Local.Cli;

/// <summary>
/// The one-command demo: starts the stand-ins and the real function host, puts each image into the local bucket,
/// delivers its finalize event, shows the description as the describer streams it, then prints each stored document.
/// </summary>
internal static class DescribeCommand
{
    public static async Task<int> RunAsync(string[] args, TextWriter output, CancellationToken cancellationToken)
    {
        var galleryPort = ServeCommand.Option(args, "--gallery-port");
        var files = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal) && a != galleryPort).ToList();
        if (files.Count == 0)
        {
            files = [.. ImageFiles.Samples()];
        }

        foreach (var file in files.Where(f => !File.Exists(f)))
        {
            throw new FileNotFoundException($"The image file {file} does not exist.", file);
        }

        var dataRoot = Path.Combine(Path.GetTempPath(), "describe-demo-" + Guid.NewGuid().ToString("N"));
        await using var environment = await LocalEnvironment.StartAsync(LocalPorts.Ephemeral, dataRoot, LocalFirestore.FromArgs(args), cancellationToken);
        // Slow enough to watch the stream arrive, fast enough not to bore.
        environment.DescriberSettings.ChunkDelay = TimeSpan.FromMilliseconds(35);
        var settings = new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Warning",
            ["IMAGE_DELIVERY"] = args.Contains("--inline") ? "inline" : "gcs-uri",
        };
        if (args.Contains("--structured"))
        {
            settings["DESCRIBE_OUTPUT"] = "structured";
        }

        var function = await LocalFunction.StartAsync(environment, 0, settings, cancellationToken);
        try
        {
            var resolved = function.Services.GetRequiredService<FunctionSettings>();
            var functionUrl = new Uri(function.Urls.First());
            var exitCode = await DescribeAllAsync(environment, functionUrl, resolved, files, output, cancellationToken);
            await output.WriteLineAsync(Environment.NewLine + await UsagePrinter.TodayAsync(function.Services, environment.CreateDocumentsClient(resolved.Store.FirestoreDatabase), cancellationToken));
            if (args.Contains("--open"))
            {
                await KeepOpenAsync(environment, functionUrl, resolved, ServeCommand.Port(args, "--gallery-port", GalleryServer.DefaultPort), output, cancellationToken);
            }

            return exitCode;
        }
        finally
        {
            await function.StopAsync(CancellationToken.None);
            await function.DisposeAsync();
            TryDelete(dataRoot);
        }
    }

    /// <param name="resolved">The function's settings as it resolved them, so the documents are read where it wrote them.</param>
    private static async Task<int> DescribeAllAsync(LocalEnvironment environment, Uri functionUrl, FunctionSettings resolved, List<string> files, TextWriter output, CancellationToken cancellationToken)
    {
        await output.WriteLineAsync($"DescribeFunction demo: the real function host at {functionUrl} with offline stand-ins (no cloud account needed).");
        await output.WriteLineAsync(environment.UsesFirestoreStandIn
            ? $"Firestore: the stand-in at {environment.FirestoreHostAndPort}"
            : $"Firestore: Google's official emulator at {environment.FirestoreHostAndPort}");
        using var client = new HttpClient { BaseAddress = functionUrl, Timeout = TimeSpan.FromMinutes(5) };
        var firestore = environment.CreateDocumentsClient(resolved.Store.FirestoreDatabase);
        var log = DescriberStandIn.GetLog(environment.Describer);
        // A structured answer streams as JSON; show the prose inside it as it grows, as progressive writes do.
        var prose = new StrongBox<PartialDescriptionReader?>();
        void Print(object? sender, StreamedChunk chunk) => output.Write(prose.Value?.Append(chunk.Text) ?? chunk.Text);
        log.ChunkStreamed += Print;
        try
        {
            return await DescribeEachAsync(environment, client, firestore, resolved, files, prose, output, cancellationToken);
        }
        finally
        {
            // With --open, later uploads stream too; their text belongs in the gallery, not under the demo's output.
            log.ChunkStreamed -= Print;
        }
    }

    private static async Task<int> DescribeEachAsync(LocalEnvironment environment, HttpClient client, FirestoreClient firestore, FunctionSettings resolved, List<string> files, StrongBox<PartialDescriptionReader?> prose, TextWriter output, CancellationToken cancellationToken)
    {

        var documents = new List<FirestoreDocument>();
        var allDone = true;
        foreach (var file in files)
        {
            var name = Path.GetFileName(file);
            var bytes = await File.ReadAllBytesAsync(file, cancellationToken);
            var contentType = ImageFiles.ContentType(file);
            await output.WriteLineAsync($"{Environment.NewLine}> gs://{LocalEnvironment.Bucket}/{name} ({contentType}, {bytes.Length} bytes)");
            await output.WriteAsync("  ");
            prose.Value = resolved.Model.DescribeOutput != DescribeOutput.Structured ? null : new PartialDescriptionReader();
            var stored = environment.BucketStore.Put(LocalEnvironment.Bucket, name, bytes, contentType);
            using var response = await client.SendAsync(FinalizedEvent.Create(stored), cancellationToken);
            var document = await firestore.GetAsync(resolved.Store.FirestoreCollection, DocumentId.FromObjectName(name), cancellationToken);
            var status = document?.Fields.GetString("status") ?? "no document";
            await output.WriteLineAsync($"{Environment.NewLine}  function answered HTTP {(int)response.StatusCode}; document status: {status}");
            allDone &= status == "done";
            if (document?.Fields.GetString(DescriptionFields.Output) is not null)
            {
                await WriteStructuredAsync(document.Fields, output);
            }

            if (document is not null)
            {
                documents.Add(document);
            }
        }

        await output.WriteLineAsync($"{Environment.NewLine}Stored Firestore documents (collection {resolved.Store.FirestoreCollection}):");
        foreach (var document in documents)
        {
            await output.WriteLineAsync(DocumentPrinter.ToJson(document));
        }

        return allDone ? 0 : 1;
    }

    private static async Task WriteStructuredAsync(DocumentFields fields, TextWriter output)
    {
        if (fields.GetString(DescriptionFields.AltText) is { } altText)
        {
            await output.WriteLineAsync($"  altText: {altText}");
            await output.WriteLineAsync($"  labels: {string.Join(", ", fields.GetArray(DescriptionFields.Labels) ?? [])}");
        }
        else if (fields.GetMap(DescriptionFields.Data) is { } data)
        {
            await output.WriteLineAsync($"  data: {string.Join(", ", data.Keys)}");
        }
    }

    /// <summary>After the demo, the gallery over the same bucket and documents, until Ctrl+C; new uploads are described too.</summary>
    private static async Task KeepOpenAsync(LocalEnvironment environment, Uri functionUrl, FunctionSettings resolved, int galleryPort, TextWriter output, CancellationToken cancellationToken)
    {
        using var stop = new StopSignal();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stop.Token, cancellationToken);
        LocalFunction.ForwardUploads(environment, functionUrl, output);
        await using var gallery = await LocalGallery.StartAsync(environment, resolved, galleryPort, linked.Token);
        await output.WriteLineAsync($"{Environment.NewLine}Gallery: {gallery.BaseAddress} (the stand-ins and the function keep running; Ctrl+C stops them).");
        await stop.WaitAsync();
    }

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
