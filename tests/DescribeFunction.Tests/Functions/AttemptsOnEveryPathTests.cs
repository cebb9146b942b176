using DescribeFunction.Configuration;
using DescribeFunction.Hosting;
using DescribeFunction.Store;
using DescribeFunction.Tests.Infrastructure;
using static DescribeFunction.Tests.Functions.DescribeImageFunctionTests;

namespace DescribeFunction.Tests.Functions;

/// <summary>
/// <c>MAX_ATTEMPTS</c> bounds the model calls of one version on every path: deliveries whose instance died, and
/// deliveries whose final write failed, count as much as transient model failures do.
/// </summary>
public sealed class AttemptsOnEveryPathTests
{
    private static FunctionSettings WithMaxAttempts(int maxAttempts) => new() { Reliability = new() { MaxAttempts = maxAttempts } };

    [Theory]
    [InlineData(DescriptionStatus.Processing)]
    [InlineData(DescriptionStatus.Streaming)]
    public async Task HandleAsync_LapsedLeaseAfterMaxAttempts_RecordsFailedWithoutAModelCall(string status)
    {
        var describer = new ScriptedDescriber(ScriptedDescriber.Answer("Never."));
        var (function, store) = Create(describer, WithMaxAttempts(3));
        // As three killed instances leave it: claimed three times, the last lease lapsed, no outcome.
        store.Put("a.jpg", new StoredDescription(1, status, 3, DateTimeOffset.UtcNow.AddSeconds(-1)));

        var outcome = await function.HandleAsync(Event("a.jpg"), CancellationToken.None);

        Assert.Equal(EventOutcome.Recorded, outcome);
        Assert.Equal(0, describer.Calls);
        var stored = store.Get("a.jpg");
        Assert.Equal((DescriptionStatus.Failed, ClaimRules.TooManyAttemptsCode, 3), (stored?.Status, stored?.ErrorCode, stored?.Attempts));
        Assert.StartsWith("Gave up after 3 deliveries (MAX_ATTEMPTS)", stored?.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HandleAsync_LapsedLeaseBeforeMaxAttempts_DescribesOnTheLastAttempt()
    {
        var describer = new ScriptedDescriber(ScriptedDescriber.Answer("Third time lucky."));
        var (function, store) = Create(describer, WithMaxAttempts(3));
        store.Put("a.jpg", new StoredDescription(1, DescriptionStatus.Streaming, 2, DateTimeOffset.UtcNow.AddSeconds(-1)));

        await function.HandleAsync(Event("a.jpg"), CancellationToken.None);

        Assert.Equal(1, describer.Calls);
        var stored = store.Get("a.jpg");
        Assert.Equal((DescriptionStatus.Done, 3), (stored?.Status, stored?.Attempts));
    }

    [Fact]
    public async Task HandleAsync_FinalWriteAlwaysFailsOnEachInstance_StopsAtMaxAttemptsModelCalls()
    {
        var describer = new ScriptedDescriber(ScriptedDescriber.Answer("Never stored."));
        var settings = WithMaxAttempts(2);
        var store = new InMemoryDescriptionStore(TimeProvider.System, settings.Reliability.LeaseDuration, settings.Reliability.MaxAttempts);
        store.Fault = call => call == "complete" ? new DescriptionStoreException("Firestore refused the write.", isTransient: true) : null;
        // Each redelivery lands on another instance, so none finds an answer kept in memory.
        Task<EventOutcome> DeliverOnANewInstance(string id) => Create(describer, settings, store: store).Function.HandleAsync(Event("a.jpg", id: id), CancellationToken.None);

        await Assert.ThrowsAsync<TransientEventException>(() => DeliverOnANewInstance("evt-1"));
        await Assert.ThrowsAsync<TransientEventException>(() => DeliverOnANewInstance("evt-2"));
        var third = await DeliverOnANewInstance("evt-3");
        var fourth = await DeliverOnANewInstance("evt-4");

        Assert.Equal(2, describer.Calls);
        Assert.Equal((EventOutcome.Recorded, EventOutcome.Ignored), (third, fourth));
        var stored = store.Get("a.jpg");
        Assert.Equal((DescriptionStatus.Failed, ClaimRules.TooManyAttemptsCode, 2), (stored?.Status, stored?.ErrorCode, stored?.Attempts));
    }

    [Fact]
    public async Task HandleAsync_OutOfAttemptsWithAKeptAnswer_StoresTheAnswerWithoutAModelCall()
    {
        var describer = new ScriptedDescriber(ScriptedDescriber.Answer("Paid for once."), ScriptedDescriber.Answer("Paid for twice."));
        var (function, store) = Create(describer, WithMaxAttempts(1));
        var failures = 1;
        store.Fault = call => call == "complete" && Interlocked.Decrement(ref failures) >= 0 ? new InsufficientMemoryException("Scripted: memory ran out.") : null;

        await Assert.ThrowsAsync<TransientEventException>(() => function.HandleAsync(Event("a.jpg"), CancellationToken.None));
        var outcome = await function.HandleAsync(Event("a.jpg", id: "evt-redelivered"), CancellationToken.None);

        Assert.Equal(EventOutcome.Recorded, outcome);
        Assert.Equal(1, describer.Calls);
        var stored = store.Get("a.jpg");
        Assert.Equal((DescriptionStatus.Done, "Paid for once.", 1), (stored?.Status, stored?.Description, stored?.Attempts));
    }
}
