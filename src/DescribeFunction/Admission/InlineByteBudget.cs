using DescribeFunction.Configuration;
using DescribeFunction.Events;

namespace DescribeFunction.Admission;

/// <summary>
/// With <c>IMAGE_DELIVERY=inline</c>, the bytes of images this instance may hold at once
/// (<c>INLINE_BYTES_IN_FLIGHT</c>; by default half the memory the GC may use, which is 75 % of the container's limit
/// unless <c>DOTNET_GCHeapHardLimit</c> says otherwise). Each event reserves its object's size, known from the event,
/// before any read; one that does not fit is turned away (429) before any claim or model call, so a burst of large
/// images waits at Eventarc instead of running the instance out of memory.
/// </summary>
public sealed class InlineByteBudget
{
    /// <summary>The code of a version recorded failed because it alone is larger than the whole budget.</summary>
    public const string TooLargeCode = "image-over-inline-budget";

    private readonly bool _enabled;
    private readonly long _maxImageBytes;
    private long _inUse;

    public InlineByteBudget(DeliverySettings delivery, AdmissionSettings admission)
        : this(delivery, admission, GC.GetGCMemoryInfo().TotalAvailableMemoryBytes)
    {
    }

    /// <param name="availableMemory">What the GC may use: its hard limit, else the container's, else the machine's.</param>
    public InlineByteBudget(DeliverySettings delivery, AdmissionSettings admission, long availableMemory)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        ArgumentNullException.ThrowIfNull(admission);
        _enabled = delivery.ImageDelivery == ImageDelivery.Inline;
        _maxImageBytes = delivery.InlineImageMaxBytes;
        Limit = admission.InlineBytesInFlight ?? Math.Max(1, availableMemory / 2);
    }

    public long Limit { get; }

    public long InUse => Interlocked.Read(ref _inUse);

    /// <summary>
    /// The bytes an event's image will hold in memory: its size, or <c>INLINE_IMAGE_MAX_BYTES</c> (the most a read
    /// accepts) when the event does not say; nothing when images are not sent inline.
    /// </summary>
    public long BytesFor(StorageObjectData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return _enabled ? Math.Min(data.Size is >= 0 and var size ? size : _maxImageBytes, _maxImageBytes) : 0;
    }

    /// <summary>Why the image can never be admitted (it alone is over the whole budget), or null.</summary>
    public (string Code, string Message)? NeverFits(StorageObjectData data)
    {
        var bytes = BytesFor(data);
        return bytes <= Limit ? null : (TooLargeCode,
            $"The object is {bytes} bytes, more than the {Limit} bytes INLINE_BYTES_IN_FLIGHT lets this instance hold for " +
            "inline images; raise INLINE_BYTES_IN_FLIGHT (and the memory), or use IMAGE_DELIVERY=gcs-uri.");
    }

    /// <summary>A reservation to hold while the image is read and sent, or null when it does not fit now.</summary>
    public Reservation? TryReserve(long bytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        var seen = Interlocked.Read(ref _inUse);
        while (true)
        {
            if (bytes > 0 && seen + bytes > Limit)
            {
                return null;
            }

            var previous = Interlocked.CompareExchange(ref _inUse, seen + bytes, seen);
            if (previous == seen)
            {
                return new Reservation(this, bytes);
            }

            seen = previous;
        }
    }

    public sealed class Reservation(InlineByteBudget owner, long bytes) : IDisposable
    {
        private int _released;

        public long Bytes => bytes;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                Interlocked.Add(ref owner._inUse, -bytes);
            }
        }
    }
}
