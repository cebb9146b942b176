using DescribeFunction.Configuration;
using DescribeFunction.Describing;
using DescribeFunction.Events;
using DescribeFunction.ImageHeaders;
using DescribeFunction.Storage;

namespace DescribeFunction.Spending.Grants;

/// <summary>
/// What one call may cost before it is made, for a strict token budget: the image's tokens by the dry run's rule
/// (<see cref="ImageTokens"/>, from the size in its first bytes), the prompt's at three characters a token plus a
/// margin for the message framing, and the whole output cap (thinking included). Only the input can be
/// underestimated: an image whose size cannot be read counts as the most one image is billed.
/// </summary>
public sealed class TokenEstimator(StorageObjectReader reader, ModelSettings settings)
{
    public const long UnknownImageTokens = ImageTokens.MaxPerImage;

    private const int CharactersPerToken = 3;
    private const int FramingTokens = 200;

    public async Task<long> EstimateAsync(StorageEvent storageEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(storageEvent);
        var image = await ImageTokensAsync(storageEvent, cancellationToken) ?? UnknownImageTokens;
        var prompt = (settings.DescribePrompt.Length / CharactersPerToken) + FramingTokens;
        return image + prompt + settings.DescribeMaxOutputTokens;
    }

    private async Task<long?> ImageTokensAsync(StorageEvent storageEvent, CancellationToken cancellationToken)
    {
        try
        {
            var head = await reader.ReadStartAsync(storageEvent.Bucket!, storageEvent.Data.Name!, storageEvent.Data.Generation, ImageHeader.BytesToRead, cancellationToken);
            return ImageHeader.TryReadSize(head) is var (width, height) ? ImageTokens.Estimate(width, height) : null;
        }
        catch (Exception e) when (e is DescribeException or HttpRequestException or IOException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return null;
        }
    }
}
