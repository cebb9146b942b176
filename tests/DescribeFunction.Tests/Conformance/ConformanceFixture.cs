using DescribeFunction.Local.Firestore;
using DescribeFunction.Local.Hosting;
using DescribeFunction.Tests.Infrastructure;

namespace DescribeFunction.Tests.Conformance;

/// <summary>
/// One Firestore stand-in shared by every differential scenario, and the test run's one official Firestore emulator
/// (<see cref="SharedFirestoreEmulator"/>, which <c>CONFORMANCE_EMULATOR_HOST=host:port</c> points at an emulator
/// already running). When the emulator cannot start, <see cref="EmulatorUnavailable"/> says why.
/// </summary>
public sealed class ConformanceFixture : IAsyncLifetime
{
    private StandInServer? _standIn;

    public HttpClient StandIn { get; private set; } = null!;

    public HttpClient? Emulator { get; private set; }

    public string? EmulatorUnavailable { get; private set; }

    /// <summary><c>host:port</c> of the official emulator, when it runs.</summary>
    public string? EmulatorHostAndPort => Emulator?.BaseAddress?.Authority;

    /// <summary>
    /// The Firestore an end-to-end theory runs the function on: <c>standin</c>, or <c>emulator</c> (this fixture's
    /// official emulator; the test fails saying why when it could not start).
    /// </summary>
    public LocalFirestore Backend(string name) => name switch
    {
        "standin" => LocalFirestore.StandIn,
        "emulator" => LocalFirestore.Existing(EmulatorHostAndPort
            ?? throw new InvalidOperationException($"The official Firestore emulator is unavailable, so this end-to-end test cannot run on it: {EmulatorUnavailable}")),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "A Firestore backend is standin or emulator."),
    };

    public async Task InitializeAsync()
    {
        _standIn = await FirestoreStandIn.StartAsync();
        StandIn = new HttpClient { BaseAddress = _standIn.BaseAddress };
        var emulator = await SharedFirestoreEmulator.GetAsync();
        EmulatorUnavailable = emulator.Unavailable;
        if (emulator.HostAndPort is { } host)
        {
            Emulator = new HttpClient { BaseAddress = new Uri($"http://{host}/"), Timeout = TimeSpan.FromSeconds(30) };
        }
    }

    public async Task DisposeAsync()
    {
        StandIn.Dispose();
        Emulator?.Dispose();

        if (_standIn is not null)
        {
            await _standIn.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ConformanceServers : ICollectionFixture<ConformanceFixture>
{
    public const string Name = "Firestore conformance";
}
