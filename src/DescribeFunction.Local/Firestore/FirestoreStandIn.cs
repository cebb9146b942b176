using DescribeFunction.Local.Hosting;

namespace DescribeFunction.Local.Firestore;

/// <summary>
/// An in-memory server speaking the Firestore REST v1 document API at the official emulator's paths
/// (<c>/v1/projects/{p}/databases/{d}/documents/...</c>, <c>Authorization: Bearer owner</c>), for running and testing
/// the function without a cloud project. Any project and database are accepted and kept apart.
/// </summary>
public static class FirestoreStandIn
{
    public const string Name = "firestore";

    public static Task<StandInServer> StartAsync(int port = 0, CancellationToken ct = default) => StartAsync(port, documentsFolder: null, ct);

    /// <param name="documentsFolder">Where the documents are kept across restarts; null keeps them in memory only.</param>
    public static async Task<StandInServer> StartAsync(int port, string? documentsFolder, CancellationToken ct = default)
    {
        // Opened before the server starts, so a folder another process holds is reported before any port is bound.
        DocumentJournal? journal = null;
        var store = documentsFolder is null ? new DocumentStore() : new DocumentStore(into => journal = DocumentJournal.Open(documentsFolder, into));
        try
        {
            return await StartAsync(port, store, journal, ct);
        }
        catch
        {
            journal?.Dispose();
            throw;
        }
    }

    private static Task<StandInServer> StartAsync(int port, DocumentStore store, DocumentJournal? journal, CancellationToken ct) =>
        StandInHost.StartAsync(
            Name,
            port,
            services =>
            {
                services.AddSingleton(store);
                services.AddSingleton<FirestoreHandler>();
            },
            app =>
            {
                if (journal is not null)
                {
                    app.Lifetime.ApplicationStopped.Register(journal.Dispose);
                }

                app.Map("/v1/{**rest}", (HttpContext context, FirestoreHandler handler) => handler.HandleAsync(context, emulatorPrefix: false));
                app.Map("/emulator/v1/{**rest}", (HttpContext context, FirestoreHandler handler) => handler.HandleAsync(context, emulatorPrefix: true));
            },
            ct);

    /// <summary>The documents behind a running Firestore stand-in, for assertions and printing.</summary>
    public static DocumentStore Documents(StandInServer server)
    {
        ArgumentNullException.ThrowIfNull(server);
        return server.Services.GetRequiredService<DocumentStore>();
    }
}
