using System.Collections.Concurrent;
using DescribeFunction.Describing;
using DescribeFunction.Events;

namespace DescribeFunction.Reliability;

/// <summary>
/// Descriptions the model answered (and was paid for) whose final write failed — the store past its retries, memory
/// running out, anything between the answer and the commit. They are kept in this instance's memory for an hour, so
/// that the redelivery of the same object version stores the answer instead of asking the model again.
/// </summary>
public sealed class UnsavedDescriptions(TimeProvider clock)
{
    private const int Capacity = 1024;
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    private readonly ConcurrentDictionary<string, (DescriptionResult Result, DateTimeOffset KeptAt)> _kept = new(StringComparer.Ordinal);

    public int Count => _kept.Count;

    public void Keep(StorageEvent storageEvent, DescriptionResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var now = clock.GetUtcNow();
        if (_kept.Count >= Capacity)
        {
            // Bounded, oldest out: a store that stays down must not turn answers into a leak.
            foreach (var old in _kept.OrderBy(k => k.Value.KeptAt).Take(_kept.Count - Capacity + 1))
            {
                _kept.TryRemove(old.Key, out _);
            }
        }

        _kept[Key(storageEvent)] = (result, now);
    }

    /// <summary>The kept answer for this object version, removed from the keep; null when there is none.</summary>
    public DescriptionResult? Take(StorageEvent storageEvent) =>
        _kept.TryRemove(Key(storageEvent), out var kept) && clock.GetUtcNow() - kept.KeptAt < Lifetime ? kept.Result : null;

    private static string Key(StorageEvent storageEvent)
    {
        ArgumentNullException.ThrowIfNull(storageEvent);
        return $"{storageEvent.Bucket}\n{storageEvent.Data.Name}\n{storageEvent.Data.Generation}";
    }
}
