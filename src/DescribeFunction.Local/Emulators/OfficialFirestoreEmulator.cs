using DescribeFunction.Local.Hosting;

namespace DescribeFunction.Local.Emulators;

/// <summary>
/// Google's Cloud Firestore emulator (Cloud SDK component <c>cloud-firestore-emulator</c>), started through
/// <c>gcloud emulators firestore start</c> on a loopback port and ready once it logs "Dev App Server is now running".
/// Disposing stops it and the Java process it spawned.
/// </summary>
public sealed class OfficialFirestoreEmulator : IAsyncDisposable
{
    private const string ReadyLine = "Dev App Server is now running";
    private readonly GcloudEmulatorProcess _process;

    private OfficialFirestoreEmulator(GcloudEmulatorProcess process, int port)
    {
        _process = process;
        HostPort = $"127.0.0.1:{port}";
        BaseAddress = new Uri($"http://{HostPort}/");
    }

    /// <summary>The value for <c>FIRESTORE_EMULATOR_HOST</c>.</summary>
    public string HostPort { get; }

    public Uri BaseAddress { get; }

    /// <summary>Starts the emulator, or throws <see cref="EmulatorUnavailableException"/> saying why it could not.</summary>
    /// <param name="rulesFile">
    /// Security rules every project gets (<c>--rules</c>): they govern requests that do not carry the emulator's
    /// <c>Bearer owner</c> token, as production rules govern Firebase SDK clients but not IAM callers.
    /// </param>
    public static async Task<OfficialFirestoreEmulator> StartAsync(int port = 0, TimeSpan? timeout = null, string? rulesFile = null, CancellationToken cancellationToken = default)
    {
        PortInUseException.ThrowIfTaken("Google's Firestore emulator", port);
        port = port > 0 ? port : GcloudEmulatorProcess.FreeLoopbackPort();
        string[] arguments = rulesFile is null
            ? ["emulators", "firestore", "start", $"--host-port=127.0.0.1:{port}", "--quiet"]
            : ["emulators", "firestore", "start", $"--host-port=127.0.0.1:{port}", "--quiet", $"--rules={Path.GetFullPath(rulesFile)}"];
        var process = await GcloudEmulatorProcess.StartAsync(
            arguments, ReadyLine, "cloud-firestore-emulator", timeout ?? TimeSpan.FromSeconds(60), cancellationToken);
        return new OfficialFirestoreEmulator(process, port);
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
