using DescribeFunction.Admission;
using DescribeFunction.Configuration;
using DescribeFunction.Hosting;
using DescribeFunction.Store;
using DescribeFunction.Tests.Functions;
using static DescribeFunction.Tests.Functions.DescribeImageFunctionTests;

namespace DescribeFunction.Tests.Admission;

/// <summary>With IMAGE_DELIVERY=inline, events are admitted by the bytes of their images as well as by count.</summary>
public sealed class InlineAdmissionTests
{
    private const long MiB = 1024 * 1024;

    private static FunctionSettings Inline(long budget) => new() { Delivery = new() { ImageDelivery = ImageDelivery.Inline }, Admission = new() { InlineBytesInFlight = budget } };

    [Fact]
    public async Task HandleAsync_InlineImageBeyondTheBytesInFlight_Answers429WithoutAClaimOrModelCall()
    {
        var settings = Inline(20 * MiB);
        var budget = new InlineByteBudget(settings.Delivery, settings.Admission);
        var describer = new ScriptedDescriber(ScriptedDescriber.Answer("Never."));
        var (function, store) = Create(describer, settings, inlineBytes: budget);
        using var inFlight = budget.TryReserve(14 * MiB);

        var outcome = await function.HandleAsync(Event("second.jpg", size: 14 * MiB), CancellationToken.None);

        Assert.Equal(EventOutcome.RetryLater, outcome);
        Assert.Equal(0, describer.Calls);
        Assert.Null(store.Get("second.jpg"));
        Assert.Empty(store.Calls);
        Assert.Equal(14 * MiB, budget.InUse);
    }

    [Fact]
    public async Task HandleAsync_InlineImageLargerThanTheWholeBudget_IsRecordedFailedWithoutAModelCall()
    {
        var settings = Inline(10 * MiB);
        var describer = new ScriptedDescriber(ScriptedDescriber.Answer("Never."));
        var (function, store) = Create(describer, settings);

        var outcome = await function.HandleAsync(Event("huge.jpg", size: 12 * MiB), CancellationToken.None);

        Assert.Equal(EventOutcome.Recorded, outcome);
        var stored = store.Get("huge.jpg");
        Assert.Equal((DescriptionStatus.Failed, InlineByteBudget.TooLargeCode), (stored?.Status, stored?.ErrorCode));
        Assert.Contains("INLINE_BYTES_IN_FLIGHT", stored?.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(0, describer.Calls);
    }

    [Fact]
    public async Task HandleAsync_GcsUriDelivery_IgnoresTheInlineBudget()
    {
        var settings = new FunctionSettings { Admission = new() { InlineBytesInFlight = 1 } };
        var describer = new ScriptedDescriber(ScriptedDescriber.Answer("Read by the model."));
        var (function, store) = Create(describer, settings);

        var outcome = await function.HandleAsync(Event("big.jpg", size: 12 * MiB), CancellationToken.None);

        Assert.Equal(EventOutcome.Recorded, outcome);
        Assert.Equal(DescriptionStatus.Done, store.Get("big.jpg")?.Status);
    }

    [Fact]
    public void Limit_WithoutTheSetting_IsHalfTheMemoryTheGcMayUse()
    {
        var budget = new InlineByteBudget(new DeliverySettings { ImageDelivery = ImageDelivery.Inline }, new AdmissionSettings(), availableMemory: 384 * MiB);

        Assert.Equal(192 * MiB, budget.Limit);
    }

    [Fact]
    public void TryReserve_UpToTheLimit_ThenNothingUntilAReservationEnds()
    {
        var budget = new InlineByteBudget(Inline(30 * MiB).Delivery, Inline(30 * MiB).Admission);
        using var first = budget.TryReserve(14 * MiB);
        var second = budget.TryReserve(14 * MiB);

        Assert.NotNull(first);
        Assert.NotNull(second);
        Assert.Null(budget.TryReserve(14 * MiB));
        second!.Dispose();
        second.Dispose();
        Assert.Equal(14 * MiB, budget.InUse);
        Assert.NotNull(budget.TryReserve(14 * MiB));
    }

    [Fact]
    public void BytesFor_EventWithoutASize_ReservesTheMostAnInlineReadAccepts()
    {
        var settings = Inline(100 * MiB);
        var budget = new InlineByteBudget(settings.Delivery, settings.Admission);

        Assert.Equal(settings.Delivery.InlineImageMaxBytes, budget.BytesFor(new Events.StorageObjectData { Name = "a.jpg" }));
        Assert.Equal(5, budget.BytesFor(new Events.StorageObjectData { Name = "a.jpg", Size = 5 }));
    }
}
