using DescribeFunction.Local.Hosting;
using DescribeFunction.Tests.Infrastructure;

namespace DescribeFunction.Tests.Backfill;

/// <summary>
/// <c>backfill --reembed stale</c> against Google's Cloud Firestore emulator: the conditional vector write, the
/// ledger's increment in the same commit and the batched reads behave there as on the stand-in.
/// </summary>
public sealed class BackfillReembedEmulatorTests
{
    [Fact]
    public async Task ReembedStale_AfterAModelChange_OnGooglesEmulator_MakesEmbeddingCallsAndZeroDescribeCalls()
    {
        var emulator = await SharedFirestoreEmulator.GetAsync();
        var host = emulator.HostAndPort ?? throw new InvalidOperationException($"Google's Firestore emulator is unavailable, so this test cannot run on it: {emulator.Unavailable}");
        var unique = Guid.NewGuid().ToString("N")[..12];
        await using var harness = await BackfillHarness.StartAsync(LocalFirestore.Existing(host), new Dictionary<string, string>
        {
            ["FIRESTORE_COLLECTION"] = "reembed-" + unique,
            ["FIRESTORE_USAGE_COLLECTION"] = "reembed-usage-" + unique,
        });

        await BackfillReembedTests.AfterAnEmbeddingChangeAsync(harness, new() { ["EMBEDDING_MODEL"] = BackfillReembedTests.OtherModel });
    }
}
