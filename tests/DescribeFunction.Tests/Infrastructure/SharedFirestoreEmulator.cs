using DescribeFunction.Local.Emulators;
using DescribeFunction.Local.Hosting;

namespace DescribeFunction.Tests.Infrastructure;

/// <summary>
/// One Google Cloud Firestore emulator for the whole test run (it is a Java process that takes seconds to start and
/// hundreds of megabytes to run), shared by every fixture that compares with it: started by the first that asks,
/// stopped when the run ends (<see cref="TestRunFramework"/>). <c>CONFORMANCE_EMULATOR_HOST=host:port</c> points the run at an emulator
/// already running instead. Tests keep apart by project or collection, as they would on one real database.
/// </summary>
public static class SharedFirestoreEmulator
{
    private static readonly Lazy<Task<Availability>> Started = new(StartAsync);

    /// <summary><c>host:port</c> of the emulator, or null with the reason it could not start.</summary>
    public static Task<Availability> GetAsync() => Started.Value;

    /// <summary>
    /// The Firestore an end-to-end theory runs the function on: <c>standin</c>, or <c>emulator</c> (this run's
    /// emulator, started on first use; the test fails saying why when it could not start).
    /// </summary>
    public static async Task<LocalFirestore> BackendAsync(string name) => name switch
    {
        "standin" => LocalFirestore.StandIn,
        "emulator" => await GetAsync() is { HostAndPort: { } host } ? LocalFirestore.Existing(host)
            : throw new InvalidOperationException($"Google's Firestore emulator is unavailable, so this test cannot run on it: {(await GetAsync()).Unavailable}"),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "A Firestore backend is standin or emulator."),
    };

    private static async Task<Availability> StartAsync()
    {
        if (Environment.GetEnvironmentVariable("CONFORMANCE_EMULATOR_HOST") is { Length: > 0 } host)
        {
            return new Availability(host, null);
        }

        try
        {
            var emulator = await OfficialFirestoreEmulator.StartAsync(timeout: TimeSpan.FromSeconds(120));
            return new Availability(emulator.HostPort, null) { Emulator = emulator };
        }
        catch (EmulatorUnavailableException error)
        {
            return new Availability(null, error.Message);
        }
    }

    /// <param name="HostAndPort">Where the emulator listens; null when it could not start.</param>
    /// <param name="Unavailable">Why it could not start; null when it runs.</param>
    public sealed record Availability(string? HostAndPort, string? Unavailable)
    {
        internal OfficialFirestoreEmulator? Emulator { get; init; }
    }

    /// <summary>Stops the emulator when one was started; disposed by <see cref="TestRunFramework"/> at the end of the run.</summary>
    internal sealed class Stopper : IDisposable
    {
        public void Dispose()
        {
            if (Started.IsValueCreated && Started.Value.IsCompletedSuccessfully && Started.Value.Result.Emulator is { } emulator)
            {
                emulator.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }
        }
    }
}
