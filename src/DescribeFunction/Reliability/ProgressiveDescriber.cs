using DescribeFunction.Configuration;
using DescribeFunction.Describing;
using DescribeFunction.Store;

namespace DescribeFunction.Reliability;

/// <summary>
/// One model call under a claim, with <c>PROGRESSIVE_WRITES</c> writing the growing text to the claimed document.
/// The last progress write is awaited before the answer is returned, so the final write follows it and its
/// precondition holds.
/// </summary>
public sealed class ProgressiveDescriber(IImageDescriber describer, IDescriptionStore store, StoreSettings storeSettings, TimeProvider clock)
{
    /// <exception cref="DescribeException">No description; <see cref="DescribeException.IsTransient"/> says whether to try again.</exception>
    public async Task<DescriptionResult> DescribeAsync(DescriptionClaim claim, DescribeRequest request, CancellationToken cancellationToken)
    {
        if (!storeSettings.ProgressiveWrites)
        {
            return await describer.DescribeAsync(request, progress: null, cancellationToken);
        }

        var progress = new ProgressiveWriter(store, claim, storeSettings.ProgressiveInterval, clock, cancellationToken);
        try
        {
            return await describer.DescribeAsync(request, progress, cancellationToken);
        }
        finally
        {
            await progress.FlushAsync();
        }
    }
}
