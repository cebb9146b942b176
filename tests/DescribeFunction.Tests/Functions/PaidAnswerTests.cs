using DescribeFunction.Configuration;
using DescribeFunction.Hosting;
using DescribeFunction.Store;
using static DescribeFunction.Tests.Functions.DescribeImageFunctionTests;

namespace DescribeFunction.Tests.Functions;

/// <summary>An answer the model has given is paid for: a failure between it and the final write must not lose it.</summary>
public sealed class PaidAnswerTests
{
    [Fact]
    public async Task HandleAsync_FinalWriteFails_RedeliveryStoresTheKeptAnswerWithoutAModelCall()
    {
        var describer = new ScriptedDescriber(ScriptedDescriber.Answer("Paid for once."), ScriptedDescriber.Answer("Paid for twice."));
        var (function, store) = Create(describer);
        var failures = 1;
        store.Fault = call => call == "complete" && Interlocked.Decrement(ref failures) >= 0 ? new InsufficientMemoryException("Scripted: memory ran out.") : null;

        await Assert.ThrowsAsync<TransientEventException>(() => function.HandleAsync(Event("a.jpg"), CancellationToken.None));
        var released = store.Get("a.jpg");
        var outcome = await function.HandleAsync(Event("a.jpg", id: "evt-redelivered"), CancellationToken.None);

        Assert.True(released?.LeaseExpiresAt <= DateTimeOffset.UtcNow, "The failed delivery gives the version back, so the redelivery claims it at once.");
        Assert.Equal(EventOutcome.Recorded, outcome);
        Assert.Equal(1, describer.Calls);
        var stored = store.Get("a.jpg");
        Assert.Equal((DescriptionStatus.Done, "Paid for once.", 2), (stored?.Status, stored?.Description, stored?.Attempts));
    }

    [Fact]
    public async Task HandleAsync_FinalWriteFailsWithAStoreError_KeepsTheAnswerToo()
    {
        var describer = new ScriptedDescriber(ScriptedDescriber.Answer("Kept."), ScriptedDescriber.Answer("Asked again."));
        var (function, store) = Create(describer);
        var failures = 1;
        store.Fault = call => call == "complete" && Interlocked.Decrement(ref failures) >= 0
            ? new DescriptionStoreException("Firestore answered 503 three times.", isTransient: true)
            : null;

        await Assert.ThrowsAsync<TransientEventException>(() => function.HandleAsync(Event("a.jpg"), CancellationToken.None));
        await function.HandleAsync(Event("a.jpg", id: "evt-redelivered"), CancellationToken.None);

        Assert.Equal((1, "Kept."), (describer.Calls, store.Get("a.jpg")?.Description));
    }

    [Fact]
    public async Task HandleAsync_LeaseRenewalThrowsDuringTheDescription_TheAnswerIsStillStored()
    {
        // The lease keeper is disposed after the model has answered: a renewal that failed with anything but a lost
        // claim used to surface there and throw the answer away.
        var describer = new ScriptedDescriber(_ =>
        {
            Thread.Sleep(TimeSpan.FromMilliseconds(600));
            return ScriptedDescriber.Text("Worth keeping.");
        });
        var (function, store) = Create(describer, new FunctionSettings { Reliability = new() { LeaseDuration = TimeSpan.FromMilliseconds(300) } });
        store.Fault = call => call == "renew" ? new InsufficientMemoryException("Scripted: memory ran out.") : null;

        var outcome = await function.HandleAsync(Event("a.jpg"), CancellationToken.None);

        Assert.Contains("renew", store.Calls);
        Assert.Equal(EventOutcome.Recorded, outcome);
        Assert.Equal((DescriptionStatus.Done, "Worth keeping.", 1), (store.Get("a.jpg")?.Status, store.Get("a.jpg")?.Description, describer.Calls));
    }
}
