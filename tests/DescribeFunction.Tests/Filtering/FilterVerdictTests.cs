using DescribeFunction.Admission;
using DescribeFunction.Configuration;
using DescribeFunction.Filtering;
using static DescribeFunction.Tests.Functions.DescribeImageFunctionTests;

namespace DescribeFunction.Tests.Filtering;

/// <summary>The filter's and the inline budget's word on one event, made once and read by every later step.</summary>
public class FilterVerdictTests
{
    private static readonly ImageFilter Filter = new(new FilterSettings());

    private static InlineByteBudget Inline(long inFlight) =>
        new(new DeliverySettings { ImageDelivery = ImageDelivery.Inline }, new AdmissionSettings { InlineBytesInFlight = inFlight });

    [Fact]
    public void Of_NotOurs_CarriesOnlyWhySkipped()
    {
        var verdict = FilterVerdict.Of(Event("notes.txt", contentType: "text/plain"), Filter, Inline(10));

        Assert.False(verdict.Wanted);
        Assert.Equal("content type 'text/plain' is not one of IMAGE_CONTENT_TYPES", verdict.SkipReason);
        Assert.Null(verdict.Refusal);
    }

    [Fact]
    public void Of_AnImageTheModelCanTake_IsWantedAndUnrefused()
    {
        var verdict = FilterVerdict.Of(Event("a.jpg", size: 1000), Filter, Inline(1 << 20));

        Assert.True(verdict.Wanted);
        Assert.Null(verdict.Refusal);
    }

    [Fact]
    public void Of_OverTheWholeInlineBudget_IsRefusedWithTheBudgetsCode()
    {
        var verdict = FilterVerdict.Of(Event("a.jpg", size: 1000), Filter, Inline(999));

        Assert.True(verdict.Wanted);
        Assert.Null(verdict.Unsupported);
        Assert.Equal(InlineByteBudget.TooLargeCode, verdict.Refusal?.Code);
    }

    [Fact]
    public void Refusal_PrefersWhatTheModelCannotTakeOverTheInlineBudget()
    {
        var verdict = FilterVerdict.Of(Event("a.jpg", size: 30L * 1024 * 1024), Filter, Inline(999));

        Assert.Equal(("image-too-large", InlineByteBudget.TooLargeCode), (verdict.Refusal?.Code, verdict.NeverFits?.Code));
    }
}
