using DescribeFunction.Local.Firestore;
using DescribeFunction.Local.Hosting;

namespace DescribeFunction.Tests.Conformance;

/// <summary>
/// One Firestore stand-in and one official Firestore emulator shared by every differential scenario (the emulator
/// takes seconds to start). <c>CONFORMANCE_EMULATOR_HOST=host:port</c> points the suite at an emulator already
/// running instead. When the emulator cannot start, <see cref="EmulatorUnavailable"/> says why.
/// </summary>
public sealed class ConformanceFixture : IAsyncLifetime
{
    private StandInServer? _standIn;
    private OfficialFirestoreEmulator? _emulator;

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
        if (Environment.GetEnvironmentVariable("CONFORMANCE_EMULATOR_HOST") is { Length: > 0 } host)
        {
            Emulator = new HttpClient { BaseAddress = new Uri($"http://{host}/"), Timeout = TimeSpan.FromSeconds(30) };
            return;
        }

        try
        {
            _emulator = await OfficialFirestoreEmulator.StartAsync(timeout: TimeSpan.FromSeconds(90));
            Emulator = new HttpClient { BaseAddress = _emulator.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        }
        catch (EmulatorUnavailableException error)
        {
            EmulatorUnavailable = error.Message;
        }
    }

    public async Task DisposeAsync()
    {
        StandIn.Dispose();
        Emulator?.Dispose();
        if (_emulator is not null)
        {
            await _emulator.DisposeAsync();
        }

        if (_standIn is not null)
        {
            await _standIn.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ConformanceServers : ICollectionFixture<ConformanceFixture>, ICollectionFixture<Notifying.PubSubFixture>
{
    public const string Name = "Firestore conformance";
}
