using DescribeFunction.Configuration;
using DescribeFunction.Events;

namespace DescribeFunction.Describing;

/// <summary>
/// The request for one object version, as <c>IMAGE_DELIVERY</c> says: a <c>gs://</c> URL the model reads itself, or
/// the object's bytes, read now, with the media type they are sent as.
/// </summary>
public sealed class DescribeRequests(DeliverySettings delivery, IObjectBytes objects)
{
    /// <exception cref="DescribeException">The inline bytes could not be read.</exception>
    public async Task<DescribeRequest> ForAsync(StorageEvent storageEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(storageEvent);
        var data = storageEvent.Data;
        return delivery.ImageDelivery == ImageDelivery.Inline
            ? DescribeRequest.ForInlineImage(
                await objects.ReadAsync(storageEvent.Bucket!, data.Name!, data.Generation, cancellationToken),
                ImageMediaType.Effective(data.ContentType, data.Name!)!)
            : DescribeRequest.ForGcsObject(storageEvent.Bucket!, data.Name!);
    }
}
