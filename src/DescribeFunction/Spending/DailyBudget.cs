using System.Globalization;
using DescribeFunction.Configuration;
using DescribeFunction.Store;

namespace DescribeFunction.Spending;

/// <summary>The operator's daily limits per model (<c>DAILY_IMAGE_BUDGET</c>, <c>DAILY_TOKEN_BUDGET</c>); null is unlimited.</summary>
public sealed record DailyBudget(long? Images, long? Tokens)
{
    public bool IsUnlimited => Images is null && Tokens is null;

    public static DailyBudget From(SpendSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new(settings.DailyImageBudget, settings.DailyTokenBudget);
    }

    /// <summary>
    /// Why one more image may not start, given the images and tokens counted or reserved so far today; null when
    /// it may. An image is let in while the images are under their limit and the tokens under theirs, so the tokens
    /// can pass their limit by at most the last images' own.
    /// </summary>
    public string? Refusal(long images, long tokens) =>
        images >= Images ? ImagesSpent
        : tokens >= Tokens ? TokensSpent
        : null;

    public string ImagesSpent => $"the daily image budget of {Format(Images ?? 0)} (DAILY_IMAGE_BUDGET) is spent";

    public string TokensSpent => $"the daily token budget of {Format(Tokens ?? 0)} (DAILY_TOKEN_BUDGET) is spent";

    private static string Format(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
