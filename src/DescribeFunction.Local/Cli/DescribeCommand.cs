using System.Runtime.CompilerServices;
using DescribeFunction.CommandLine;
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
    public const string Usage = """
        Usage: describe [IMAGE...] [options]

        Describes the images (default: the bundled samples) with the stand-ins and the real function host on ephemeral
        ports: shows each description as it streams, then prints the stored Firestore documents and today's usage.
        Each image is stored under its file name; images with the same file name from different folders keep as much
        of their folders as tells them apart (a/x.png, b/x.png).

          --inline             deliver the image bytes in the request (IMAGE_DELIVERY=inline)
          --structured         ask for JSON (DESCRIBE_OUTPUT=structured): prints altText and labels
          --open               afterwards keep everything running, with the gallery on :8685, until Ctrl+C
          --gallery-port N     the gallery's port with --open (default 8685)
          --firestore KIND     standin (default): the in-process stand-in; emulator: Google's official emulator
          --help               this text

        Exit codes: 0 every image described; 1 one was not (its document says why); 2 a bad option, file or setting.
        """;

    private static readonly CommandSyntax Syntax = new(
        "describe", "describe --help", ["--gallery-port", "--firestore"], ["--inline", "--structured", "--open"], TakesWords: true);

    public static async Task<int> RunAsync(string[] args, TextWriter output, CancellationToken cancellationToken)
    {
        var options = Syntax.Parse(args);
        if (options.Help)
        {
            await output.WriteLineAsync(Usage);
            return 0;
        }

        // Every mistake on the command line is found before anything starts.
        var galleryPort = options.Port("--gallery-port") ?? GalleryServer.DefaultPort;
        var firestoreChoice = LocalFirestore.FromOption(options.Value("--firestore"));
        var images = ObjectNames(options.Words.Count > 0 ? [.. options.Words.Select(CheckReadable)] : ImageFiles.Samples());
        var dataRoot = Path.Combine(Path.GetTempPath(), "describe-demo-" + Guid.NewGuid().ToString("N"));
        await using var environment = await LocalEnvironment.StartAsync(LocalPorts.Ephemeral, dataRoot, firestoreChoice, cancellationToken);
        // Slow enough to watch the stream arrive, fast enough not to bore.
        environment.DescriberSettings.ChunkDelay = TimeSpan.FromMilliseconds(35);
        var settings = new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Warning",
            ["IMAGE_DELIVERY"] = options.Flag("--inline") ? "inline" : "gcs-uri",
        };
        if (options.Flag("--structured"))
        {
            settings["DESCRIBE_OUTPUT"] = "structured";
        }

        var function = await LocalFunction.StartAsync(environment, 0, settings, cancellationToken);
        try
        {
            var resolved = function.Services.GetRequiredService<FunctionSettings>();
            var functionUrl = new Uri(function.Urls.First());
            var exitCode = await DescribeAllAsync(environment, functionUrl, resolved, images, output, cancellationToken);
            await output.WriteLineAsync(Environment.NewLine + await UsagePrinter.TodayAsync(function.Services, environment.CreateDocumentsClient(resolved.Store.FirestoreDatabase), cancellationToken));
            if (options.Flag("--open"))
            {
                await KeepOpenAsync(environment, functionUrl, resolved, galleryPort, output, cancellationToken);
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
    private static async Task<int> DescribeAllAsync(LocalEnvironment environment, Uri functionUrl, FunctionSettings resolved, IReadOnlyList<(string File, string Name)> files, TextWriter output, CancellationToken cancellationToken)
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

    private static async Task<int> DescribeEachAsync(LocalEnvironment environment, HttpClient client, FirestoreClient firestore, FunctionSettings resolved, IReadOnlyList<(string File, string Name)> files, StrongBox<PartialDescriptionReader?> prose, TextWriter output, CancellationToken cancellationToken)
    {

        var documents = new List<FirestoreDocument>();
        var allDone = true;
        foreach (var (file, name) in files)
        {
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

    /// <exception cref="UsageException">The file is missing, a folder, or cannot be read.</exception>
    private static string CheckReadable(string file)
    {
        if (Directory.Exists(file))
        {
            throw new UsageException($"The image file {file} is a folder; name the images in it (describe {Path.Combine(file, "*")}).");
        }

        try
        {
            using var stream = File.OpenRead(file);
            return file;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new UsageException($"The image file {file} does not exist.", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"The image file {file} cannot be read: {CommandErrors.Sentence(e.Message)}", e);
        }
    }

    /// <summary>
    /// The object name each file is stored under: its file name, or, where two files share it, as many of their
    /// folders as tell them apart (<c>a/x.png</c>, <c>b/x.png</c>), so that neither replaces the other in the bucket
    /// and in Firestore. The same file named twice is described once.
    /// </summary>
    internal static IReadOnlyList<(string File, string Name)> ObjectNames(IReadOnlyList<string> files)
    {
        var distinct = files.Select(Path.GetFullPath).Distinct(StringComparer.Ordinal).ToList();
        var parts = distinct.Select(f => f.Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries)).ToList();
        var depth = distinct.Select(_ => 1).ToArray();
        string Name(int i) => string.Join('/', parts[i][^Math.Min(depth[i], parts[i].Length)..]);
        for (var changed = true; changed;)
        {
            changed = false;
            foreach (var clash in Enumerable.Range(0, distinct.Count).GroupBy(Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
            {
                foreach (var i in clash.Where(i => depth[i] < parts[i].Length))
                {
                    depth[i]++;
                    changed = true;
                }
            }
        }

        return [.. Enumerable.Range(0, distinct.Count).Select(i => (distinct[i], Name(i)))];
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
