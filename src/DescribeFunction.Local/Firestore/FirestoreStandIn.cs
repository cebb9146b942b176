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

    public static Task<StandInServer> StartAsync(int port = 0, CancellationToken ct = default) =>
        StandInHost.StartAsync(
            Name,
            port,
            services =>
            {
                services.AddSingleton<DocumentStore>();
                services.AddSingleton<FirestoreHandler>();
            },
            app =>
            {
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
