using System.Net;
using DescribeFunction.Configuration;
using DescribeFunction.Local.Hosting;
using DescribeFunction.Store;
using DescribeFunction.Tests.EndToEnd;
using DescribeFunction.Tests.Infrastructure;

namespace DescribeFunction.Tests.Hosting;

/// <summary>
/// The operator's function.yaml is copied beside the tests too, and may name a trigger bucket or another collection;
/// no host the tests start may read it, or the tests would pass or fail with the operator's deployment settings.
/// </summary>
public sealed class SettingsIsolationTests
{
    private static string Collection => TestSettings.Get("FIRESTORE_COLLECTION")!;

    private static string Database => TestSettings.Get("FIRESTORE_DATABASE")!;

    [Fact]
    public async Task InProcessHost_ReadsTheTestSettingsFileInsteadOfFunctionYaml()
    {
        var options = await RunningFunction.ResolveAsync(new Dictionary<string, string>());

        Assert.NotEqual(new FunctionSettings().Store.FirestoreCollection, Collection);
        Assert.Equal(Collection, options.Store.FirestoreCollection);
        Assert.Equal(Database, options.Store.FirestoreDatabase);
        Assert.Null(options.Filter.TriggerBucket);
    }

    [Fact]
    public async Task ChildProcess_ReadsTheTestSettingsFileInsteadOfFunctionYaml()
    {
        var dataRoot = Path.Combine(Path.GetTempPath(), "isolation-" + Guid.NewGuid().ToString("N"));
        await using var environment = await LocalEnvironment.StartAsync(LocalPorts.Ephemeral, dataRoot);
        using var function = await FunctionProcessWithStandIns.StartAsync(environment, new Dictionary<string, string>());
        await function.WaitUntilListeningAsync();
        var stored = environment.BucketStore.Put(LocalEnvironment.Bucket, "isolated.png", DescribeEndToEndTests.Sample("blue-white-portrait.png"), "image/png");

        var response = await function.Client.SendAsync(FinalizedEvent.Create(stored));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = await environment.CreateDocumentsClient(Database).GetAsync(Collection, "isolated.png", CancellationToken.None);
        Assert.Equal(DescriptionStatus.Done, document?.Fields.GetString("status"));
    }
}
