using System.Collections;
using DescribeFunction.Events;

namespace DescribeFunction.Hosting;

/// <summary>The fields every log line about one event carries, as structured scope properties.</summary>
internal sealed class EventLogScope(StorageEvent storageEvent) : IReadOnlyList<KeyValuePair<string, object?>>
{
    private readonly KeyValuePair<string, object?>[] _items =
    [
        new("EventId", storageEvent.Id),
        new("Bucket", storageEvent.Bucket),
        new("ObjectName", storageEvent.Data.Name),
        new("Generation", storageEvent.Data.Generation),
    ];

    public int Count => _items.Length;

    public KeyValuePair<string, object?> this[int index] => _items[index];

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, object?>>)_items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => $"event {storageEvent.Id} gs://{storageEvent.Bucket}/{storageEvent.Data.Name}#{storageEvent.Data.Generation}";
}
