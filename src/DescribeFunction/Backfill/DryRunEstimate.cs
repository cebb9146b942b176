using DescribeFunction.Describing;
using DescribeFunction.Events;
using DescribeFunction.Filtering;
using DescribeFunction.ImageHeaders;
using DescribeFunction.Storage;

namespace DescribeFunction.Backfill;

/// <summary>A dry run's input-token estimate for one image: its size from the first bytes and Gemini's tile rule.</summary>
internal sealed class DryRunEstimate(ImageFilter filter, StorageObjectReader reader, string bucket)
{
    /// <returns>The tokens, 0 for what is refused without a model call, or null when the header gives no size.</returns>
    public async Task<long?> TokensAsync(StorageEvent storageEvent, CancellationToken abort)
    {
        if (filter.Unsupported(storageEvent) is not null)
        {
            return 0; // Recorded failed without a model call.
        }

        try
        {
            var data = storageEvent.Data;
            var head = await reader.ReadStartAsync(bucket, data.Name!, data.Generation, ImageHeader.BytesToRead, abort);
            return ImageHeader.TryReadSize(head) is var (width, height) ? ImageTokens.Estimate(width, height) : null;
        }
        catch (Exception e) when (e is DescribeException or HttpRequestException)
        {
            return null;
        }
    }
}
