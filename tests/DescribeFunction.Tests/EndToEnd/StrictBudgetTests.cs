using System.Collections.Concurrent;
using System.Net;
using DescribeFunction.Configuration;
using DescribeFunction.FirestoreStore;
using DescribeFunction.Local.Hosting;
using DescribeFunction.Local.Storage;
using DescribeFunction.Spending.Grants;
using DescribeFunction.Store;
using DescribeFunction.Tests.Conformance;
using DescribeFunction.Tests.Infrastructure;
using Xunit.Abstractions;

namespace DescribeFunction.Tests.EndToEnd;

/// <summary>
/// <c>BUDGET_MODE=strict</c> on Google's Firestore emulator: four function processes share one image budget through
/// the allocation documents. Each run writes its own collections, as the emulator is shared.
/// </summary>
[Collection(ConformanceServers.Name)]
public sealed class StrictBudgetTests(ConformanceFixture servers, ITestOutputHelper output)
{
    private const int Budget = 25;
    private const int Images = 120;
    private const int Concurrency = 48;
    private const int Instances = 4;

    private static byte[] Image => DescribeEndToEndTests.Sample("green-yellow-square.webp");

    [Fact]
    public async Task FourInstances_48ConcurrentDeliveries_DescribeExactlyTheBudget()
    {
        var since = LedgerTotals.Today;
        await using var run = await StrictRun.StartAsync(servers, chunkDelay: TimeSpan.Zero);

        var responses = await run.DeliverAllAsync(killAfterModelCalls: null);

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r));
        var (done, deferred) = await run.CountAsync();
        var (ledger, _) = await LedgerTotals.SinceAsync(run.Documents, run.Settings, since);
        var granted = await run.GrantedAsync();
        output.WriteLine($"described {done}, deferred {deferred}, model calls {run.ModelCalls}, ledger {ledger.Images}/{ledger.Deferred}, granted {granted}");
        Assert.Equal((Budget, Images - Budget), (done, deferred));
        Assert.Equal(Budget, run.ModelCalls);
        Assert.Equal((Budget, (long)(Images - Budget)), (ledger.Images, ledger.Deferred));
        Assert.Equal(Budget, granted.Granted.Images);
    }

    [Fact]
    public async Task FourInstances_TwoKilledMidRun_NeverPassTheBudget()
    {
        var since = LedgerTotals.Today;
        await using var run = await StrictRun.StartAsync(servers, chunkDelay: TimeSpan.FromMilliseconds(30));

        var responses = await run.DeliverAllAsync(killAfterModelCalls: 8);

        // A redelivery of what a killed instance had already recorded is acknowledged with 204.
        Assert.All(responses, r => Assert.Contains(r, new[] { HttpStatusCode.OK, HttpStatusCode.NoContent }));
        var (done, deferred) = await run.CountAsync();
        var (ledger, _) = await LedgerTotals.SinceAsync(run.Documents, run.Settings, since);
        var granted = await run.GrantedAsync();
        output.WriteLine($"two of four killed: described {done}, deferred {deferred}, model calls {run.ModelCalls}, ledger {ledger.Images}, granted {granted}");
        Assert.Equal(Images, done + deferred);
        Assert.InRange(run.ModelCalls, 1, Budget);
        Assert.InRange(done, 1, Budget);
        Assert.Equal(done, ledger.Images);
        Assert.InRange(granted.Granted.Images, run.ModelCalls, Budget);
    }

    /// <summary>The emulator, the other stand-ins, and four function processes on one strict budget.</summary>
    private sealed class StrictRun : IAsyncDisposable
    {
        private readonly LocalEnvironment _environment;
        private readonly FunctionProcessWithStandIns[] _instances;
        private readonly LocalObject[] _objects;
        private readonly HttpClient[] _clients;

        private StrictRun(LocalEnvironment environment, FunctionProcessWithStandIns[] instances, LocalObject[] objects)
        {
            _environment = environment;
            _instances = instances;
            _objects = objects;
            // A generous deadline: on a busy machine a delivery waits for its instance's leases behind the others'.
            _clients = [.. instances.Select(i => new HttpClient { BaseAddress = i.Process.BaseAddress, Timeout = TimeSpan.FromMinutes(3) })];
        }

        public FunctionSettings Settings => _instances[0].Options;

        public DescribeFunction.Firestore.FirestoreClient Documents => _instances[0].Documents;

        public int ModelCalls => _environment.Describer.Faults.RequestCount;

        public static async Task<StrictRun> StartAsync(ConformanceFixture servers, TimeSpan chunkDelay)
        {
            var dataRoot = Path.Combine(Path.GetTempPath(), "strict-" + Guid.NewGuid().ToString("N"));
            var environment = await LocalEnvironment.StartAsync(LocalPorts.Ephemeral, dataRoot, servers.Backend("emulator"));
            environment.DescriberSettings.ChunkDelay = chunkDelay;
            var own = Guid.NewGuid().ToString("N")[..10];
            var settings = new Dictionary<string, string>
            {
                ["BUDGET_MODE"] = "strict",
                // Model calls are counted at the describer, which also answers embeddings: keep them off here.
                ["EMBEDDING_MODEL"] = "",
                ["DAILY_IMAGE_BUDGET"] = Budget.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["MAX_CONCURRENT_DESCRIBES"] = "256",
                ["FIRESTORE_COLLECTION"] = "strict-" + own,
                ["FIRESTORE_USAGE_COLLECTION"] = "strict-usage-" + own,
                // A killed instance's claims lapse soon, so their redeliveries take over within the test.
                ["LEASE_DURATION"] = "2s",
                ["DUPLICATE_WAIT"] = "20s",
                ["Logging__LogLevel__DescribeFunction.Spending"] = "Debug",
            };
            var instances = new FunctionProcessWithStandIns[Instances];
            for (var i = 0; i < Instances; i++)
            {
                instances[i] = await FunctionProcessWithStandIns.StartAsync(environment, settings);
            }

            await Task.WhenAll(instances.Select(i => i.WaitUntilListeningAsync()));
            var objects = Enumerable.Range(0, Images)
                .Select(i => environment.BucketStore.Put(LocalEnvironment.Bucket, $"strict/{i:D3}.webp", Image, "image/webp")).ToArray();
            return new StrictRun(environment, instances, objects);
        }

        /// <summary>
        /// Delivers every object with <see cref="Concurrency"/> deliveries in flight, round robin over the instances. With
        /// <paramref name="killAfterModelCalls"/>, two instances are SIGKILLed once that many model calls were made; a
        /// delivery they dropped is redelivered to a survivor, as Eventarc would.
        /// </summary>
        public async Task<HttpStatusCode[]> DeliverAllAsync(int? killAfterModelCalls)
        {
            var queue = new ConcurrentQueue<int>(Enumerable.Range(0, Images));
            var results = new HttpStatusCode[Images];
            var killed = 0;
            async Task WorkAsync()
            {
                while (queue.TryDequeue(out var index))
                {
                    if (killAfterModelCalls is { } calls && ModelCalls >= calls && Interlocked.Exchange(ref killed, 1) == 0)
                    {
                        _instances[0].Process.Signal("KILL");
                        _instances[1].Process.Signal("KILL");
                    }

                    for (var attempt = 0; ; attempt++)
                    {
                        // Every instance gone would otherwise spin here for good: fail, naming what never got an answer.
                        if (attempt > 100 * Instances)
                        {
                            throw new TimeoutException($"No live instance answered the delivery of {_objects[index].Name} after {attempt} attempts.");
                        }

                        var instance = _instances[(index + attempt) % Instances];
                        if (instance.Process.HasExited)
                        {
                            continue;
                        }

                        try
                        {
                            using var response = await _clients[(index + attempt) % Instances].SendAsync(FinalizedEvent.Create(_objects[index], eventId: $"strict-{index}"));
                            results[index] = response.StatusCode;
                            break;
                        }
                        catch (HttpRequestException) when (instance.Process.HasExited || killed == 1)
                        {
                            await Task.Delay(100); // dropped by a killed instance: redeliver to another
                        }
                        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                        {
                            throw new InvalidOperationException($"Delivering object {index} failed ({e.Message}); the instance's output ends:\n{instance.Process.OutputTail()}", e);
                        }
                    }
                }
            }

            await Task.WhenAll(Enumerable.Range(0, Concurrency).Select(_ => Task.Run(WorkAsync)));
            return results;
        }

        public async Task<(int Done, int Deferred)> CountAsync()
        {
            var documents = await Documents.ListAsync(Settings.Store.FirestoreCollection, CancellationToken.None);
            return (documents.Count(d => d.Fields.GetString("status") == DescriptionStatus.Done),
                documents.Count(d => d.Fields.GetString("status") == DescriptionStatus.Deferred));
        }

        /// <summary>The allocation's totals, read as <c>describe</c> prints them.</summary>
        public Task<AllocationTotals> GrantedAsync() =>
            new GrantAllocator(new FirestoreAllocationShards(Documents, Settings.Ledger, Settings.Model), Settings.Spend, TimeProvider.System)
                .ReadTotalsAsync(LedgerTotals.Today, CancellationToken.None);

        public async ValueTask DisposeAsync()
        {
            foreach (var instance in _instances)
            {
                instance.Dispose();
            }

            foreach (var client in _clients)
            {
                client.Dispose();
            }

            await _environment.DisposeAsync();
        }
    }
}
