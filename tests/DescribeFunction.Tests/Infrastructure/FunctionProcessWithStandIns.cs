using System.Globalization;
using DescribeFunction.Configuration;
using DescribeFunction.Firestore;
using DescribeFunction.Local.Hosting;
using DescribeFunction.Store;

namespace DescribeFunction.Tests.Infrastructure;

/// <summary>
/// The function as Cloud Run runs it, in its own process on a free loopback port, pointed at stand-ins running in
/// the test process, so tests can send it real signals.
/// </summary>
public sealed class FunctionProcessWithStandIns : IDisposable
{
    private FunctionProcessWithStandIns(FunctionProcess process, FirestoreClient documents, FunctionSettings resolved)
    {
        Options = resolved;
        Process = process;
        Client = new HttpClient { BaseAddress = process.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        Documents = documents;
        Collection = resolved.Store.FirestoreCollection;
    }

    /// <summary>The settings the process resolved (its usage collection and model name its ledger documents).</summary>
    public FunctionSettings Options { get; }

    public FunctionProcess Process { get; }

    public HttpClient Client { get; }

    /// <summary>A client of the Firestore stand-in, in the database the process writes to.</summary>
    public FirestoreClient Documents { get; }

    /// <summary>The collection the process stores descriptions in, resolved from the settings it was given.</summary>
    public string Collection { get; }

    public static async Task<FunctionProcessWithStandIns> StartAsync(LocalEnvironment standIns, IReadOnlyDictionary<string, string> extraSettings)
    {
        ArgumentNullException.ThrowIfNull(standIns);
        var settings = standIns.FunctionSettings.ToDictionary(kv => kv.Key, kv => kv.Value);
        settings["PORT"] = FreePort.Find().ToString(CultureInfo.InvariantCulture);
        foreach (var (key, value) in extraSettings)
        {
            settings[key] = value;
        }

        var resolved = await RunningFunction.ResolveAsync(settings);
        return new FunctionProcessWithStandIns(
            TestProcesses.StartFunction(settings), standIns.CreateDocumentsClient(resolved.Store.FirestoreDatabase), resolved);
    }

    public Task WaitUntilListeningAsync() => Process.WaitUntilListeningAsync(TimeSpan.FromSeconds(60));

    public Task<FirestoreDocument?> GetDocumentAsync(string objectName) =>
        Documents.GetAsync(Collection, DocumentId.FromObjectName(objectName), CancellationToken.None);

    public void Dispose()
    {
        Client.Dispose();
        Process.Dispose();
    }
}
