using DescribeFunction.Admission;
using DescribeFunction.Configuration;
using DescribeFunction.Describing;
using DescribeFunction.Events;
using DescribeFunction.Filtering;
using DescribeFunction.Hosting;
using DescribeFunction.Reliability;
using DescribeFunction.Spending;
using DescribeFunction.Storage;
using DescribeFunction.Store;
using DescribeFunction.Tests.Infrastructure;
using DescribeFunction.Versions;
using Microsoft.Extensions.Logging.Abstractions;

namespace DescribeFunction.Tests.Functions;

/// <summary>The function constructed directly, with an in-memory store and a scripted describer: no host, no HTTP.</summary>
public class DescribeImageFunctionTests
{
    private const string Bucket = "photos-bucket";

    internal static (DescribeImageFunction Function, InMemoryDescriptionStore Store) Create(ScriptedDescriber describer, FunctionSettings? settings = null, TimeProvider? clock = null, InlineByteBudget? inlineBytes = null, InMemoryDescriptionStore? store = null)
    {
        settings ??= new FunctionSettings();
        clock ??= TimeProvider.System;
        store ??= new InMemoryDescriptionStore(clock, settings.Reliability.LeaseDuration, settings.Reliability.MaxAttempts);
        // Never reached: these tests send gs:// URLs, and the reader is only used for inline images.
        var storage = StorageObjectReader.Create(new Uri("http://127.0.0.1:9/"), credential: null, settings.Delivery.InlineImageMaxBytes);
        var retrying = new RetryingDescriber(new DescribeRequests(settings.Delivery, storage), new ProgressiveDescriber(describer, store, settings.Store, clock), clock, NullLogger<RetryingDescriber>.Instance);
        var budget = new BudgetGate(store, settings.Spend, settings.Model, clock, NullLogger<BudgetGate>.Instance);
        var unsaved = new UnsavedDescriptions(clock);
        var commit = new CommitStep(store, unsaved, settings.Reliability, NullLogger<CommitStep>.Instance);
        var answer = new AnswerStep(retrying, unsaved, store, commit, settings.Reliability, clock, NullLogger<AnswerStep>.Instance);
        var claim = new ClaimStep(store, budget, answer, commit, new NoticeStep(), settings.Reliability, clock, NullLogger<ClaimStep>.Instance);
        var function = new DescribeImageFunction(
            new ImageFilter(settings.Filter), inlineBytes ?? new InlineByteBudget(settings.Delivery, settings.Admission), new DescribeSlots(settings.Admission), claim, store, settings.Filter, NullLogger<DescribeImageFunction>.Instance);
        return (function, store);
    }

    internal static StorageEvent Event(string name, long generation = 1, string contentType = "image/jpeg", long size = 1000, string type = StorageEvent.Finalized, string id = "evt-1") =>
        new(id, type, $"//storage.googleapis.com/projects/_/buckets/{Bucket}", $"objects/{name}", DateTimeOffset.UtcNow,
            new StorageObjectData { Name = name, Bucket = Bucket, Generation = generation, ContentType = contentType, Size = size });

    [Fact]
    public async Task HandleAsync_NewImage_StoresItsDescriptionFromOneModelCall()
    {
        var describer = new ScriptedDescriber(ScriptedDescriber.Answer("A cat on a mat."));
        var (function, store) = Create(describer);

        var outcome = await function.HandleAsync(Event("trips/cat #1.jpg"), CancellationToken.None);

        Assert.Equal(EventOutcome.Recorded, outcome);
        Assert.Equal(1, describer.Calls);
        Assert.Equal($"gs://{Bucket}/trips/cat #1.jpg", Assert.Single(describer.Requests).GcsUri);
        var stored = store.Get("trips/cat #1.jpg");
        Assert.Equal((DescriptionStatus.Done, "A cat on a mat.", 1), (stored?.Status, stored?.Description, stored?.Attempts));
    }

    [Fact]
    public async Task HandleAsync_SameVersionDeliveredAgain_IsIgnoredWithoutAModelCall()
    {
        var describer = new ScriptedDescriber(ScriptedDescriber.Answer("Once."));
        var (function, _) = Create(describer);
        await function.HandleAsync(Event("a.png", contentType: "image/png"), CancellationToken.None);

        var again = await function.HandleAsync(Event("a.png", contentType: "image/png", id: "evt-2"), CancellationToken.None);

        Assert.Equal(EventOutcome.Ignored, again);
        Assert.Equal(1, describer.Calls);
    }

    [Fact]
    public async Task HandleAsync_OlderGenerationAfterANewerOne_IsIgnored()
    {
        var describer = new ScriptedDescriber(ScriptedDescriber.Answer("Newest."));
        var (function, store) = Create(describer);
        await function.HandleAsync(Event("a.jpg", generation: 7), CancellationToken.None);

        var outcome = await function.HandleAsync(Event("a.jpg", generation: 6), CancellationToken.None);

        Assert.Equal(EventOutcome.Ignored, outcome);
        Assert.Equal(7, store.Get("a.jpg")?.Generation);
        Assert.Equal(1, describer.Calls);
    }

    [Fact]
    public async Task HandleAsync_NotAnImage_IsIgnoredWithoutTouchingTheStore()
    {
        var describer = new ScriptedDescriber(ScriptedDescriber.Answer("Never."));
        var (function, store) = Create(describer);

        var outcome = await function.HandleAsync(Event("notes.txt", contentType: "text/plain"), CancellationToken.None);

        Assert.Equal(EventOutcome.Ignored, outcome);
        Assert.Empty(store.Calls);
        Assert.Equal(0, describer.Calls);
    }

    [Fact]
    public async Task HandleAsync_ImageOverTheSizeLimit_IsRecordedFailedWithoutAModelCall()
    {
        var describer = new ScriptedDescriber(ScriptedDescriber.Answer("Never."));
        var (function, store) = Create(describer, new FunctionSettings { Filter = new() { MaxObjectBytes = 10 } });

        var outcome = await function.HandleAsync(Event("big.jpg", size: 11), CancellationToken.None);

        Assert.Equal(EventOutcome.Recorded, outcome);
        Assert.Equal((DescriptionStatus.Failed, "image-too-large"), (store.Get("big.jpg")?.Status, store.Get("big.jpg")?.ErrorCode));
        Assert.Equal(0, describer.Calls);
    }

    [Fact]
    public async Task HandleAsync_PermanentModelFailure_IsRecordedFailedAndAcknowledged()
    {
        var describer = new ScriptedDescriber(ScriptedDescriber.Throw("blocked", transient: false));
        var (function, store) = Create(describer);

        var outcome = await function.HandleAsync(Event("a.jpg"), CancellationToken.None);

        Assert.Equal(EventOutcome.Recorded, outcome);
        Assert.Equal((DescriptionStatus.Failed, "blocked"), (store.Get("a.jpg")?.Status, store.Get("a.jpg")?.ErrorCode));
        Assert.Equal(1, describer.Calls);
    }

    [Fact]
    public async Task HandleAsync_TransientFailureThenSuccess_RetriesWithinTheDelivery()
    {
        var describer = new ScriptedDescriber(ScriptedDescriber.Throw("endpoint-503", transient: true), ScriptedDescriber.Answer("Second time lucky."));
        var (function, store) = Create(describer);

        var outcome = await function.HandleAsync(Event("a.jpg"), CancellationToken.None);

        Assert.Equal(EventOutcome.Recorded, outcome);
        Assert.Equal(2, describer.Calls);
        Assert.Equal("Second time lucky.", store.Get("a.jpg")?.Description);
    }

    [Fact]
    public async Task HandleAsync_TransientFailureOutlastingTheDeadline_ReleasesTheVersionAndAsksForRedelivery()
    {
        var describer = new ScriptedDescriber(ScriptedDescriber.Throw("endpoint-503", transient: true));
        var (function, store) = Create(describer, new FunctionSettings { Reliability = new() { DescribeDeadline = TimeSpan.FromMilliseconds(300), MaxAttempts = 3 } });

        await Assert.ThrowsAsync<TransientEventException>(() => function.HandleAsync(Event("a.jpg"), CancellationToken.None));

        var stored = store.Get("a.jpg");
        // The 300 ms budget may run out during the backoff after the 503, so the recorded error is that 503 or the deadline.
        Assert.Equal(DescriptionStatus.Processing, stored?.Status);
        Assert.Contains(stored?.ErrorCode, new[] { "endpoint-503", "deadline-exceeded" });
        Assert.True(stored?.LeaseExpiresAt <= DateTimeOffset.UtcNow, "A released version's lease has ended, so the redelivery can claim it at once.");
        Assert.Equal("release", store.Calls.Last());
    }

    [Fact]
    public async Task HandleAsync_TransientFailureOnTheLastAllowedAttempt_IsRecordedAsTooManyAttempts()
    {
        var describer = new ScriptedDescriber(ScriptedDescriber.Throw("endpoint-503", transient: true));
        var (function, store) = Create(describer, new FunctionSettings { Reliability = new() { DescribeDeadline = TimeSpan.FromMilliseconds(300), MaxAttempts = 2 } });
        await Assert.ThrowsAsync<TransientEventException>(() => function.HandleAsync(Event("a.jpg"), CancellationToken.None));

        var outcome = await function.HandleAsync(Event("a.jpg", id: "evt-redelivered"), CancellationToken.None);

        Assert.Equal(EventOutcome.Recorded, outcome);
        var stored = store.Get("a.jpg");
        Assert.Equal((DescriptionStatus.Failed, "too-many-attempts", 2), (stored?.Status, stored?.ErrorCode, stored?.Attempts));
        Assert.Contains("endpoint-503", stored?.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HandleAsync_VersionLeasedByAnotherInstance_AsksToRetryLater()
    {
        var describer = new ScriptedDescriber(ScriptedDescriber.Answer("Never."));
        var (function, store) = Create(describer);
        store.Put("a.jpg", new StoredDescription(1, DescriptionStatus.Streaming, 1, DateTimeOffset.UtcNow.AddMinutes(1)));

        var outcome = await function.HandleAsync(Event("a.jpg"), CancellationToken.None);

        Assert.Equal(EventOutcome.RetryLater, outcome);
        Assert.Equal(0, describer.Calls);
    }

    [Theory]
    [InlineData(DeletePolicy.Keep, false)]
    [InlineData(DeletePolicy.Delete, true)]
    public async Task HandleAsync_DeletedEvent_AppliesOnDeleteToThatGeneration(DeletePolicy policy, bool gone)
    {
        var describer = new ScriptedDescriber(ScriptedDescriber.Answer("Here."));
        var (function, store) = Create(describer, new FunctionSettings { Filter = new() { OnDelete = policy } });
        await function.HandleAsync(Event("a.jpg", generation: 3), CancellationToken.None);

        var outcome = await function.HandleAsync(Event("a.jpg", generation: 3, type: StorageEvent.Deleted), CancellationToken.None);

        Assert.Equal(EventOutcome.Recorded, outcome);
        Assert.Equal(gone, store.Get("a.jpg") is null);
    }
}
