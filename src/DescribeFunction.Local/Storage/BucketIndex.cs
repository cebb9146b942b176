using System.Text;
using System.Text.Json;

namespace DescribeFunction.Local.Storage;

/// <summary>
/// The names in one local bucket in Cloud Storage's listing order (UTF-8 byte order), for <c>objects.list</c>.
/// Loaded from the bucket's folder on first use and kept current by puts; sorted again only after a change.
/// </summary>
internal sealed class BucketIndex
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, LocalObject> _objects = new(StringComparer.Ordinal);
    private LocalObject[]? _sorted;

    public static BucketIndex Load(string folder)
    {
        var index = new BucketIndex();
        if (Directory.Exists(folder))
        {
            foreach (var metaPath in Directory.EnumerateFiles(folder, "*" + LocalBucketStore.MetaSuffix))
            {
                if (JsonSerializer.Deserialize(File.ReadAllText(metaPath), LocalObjectJsonContext.Default.LocalObject) is { } meta)
                {
                    index.Put(meta);
                }
            }
        }

        return index;
    }

    public void Put(LocalObject meta)
    {
        lock (_lock)
        {
            _objects[meta.Name] = meta;
            _sorted = null;
        }
    }

    /// <summary>All objects in listing order; the array is shared, never changed, and replaced after a put.</summary>
    public LocalObject[] Sorted()
    {
        lock (_lock)
        {
            if (_sorted is null)
            {
                _sorted = [.. _objects.Values];
                Array.Sort(_sorted, (a, b) => Utf8Order.Compare(a.Name, b.Name));
            }

            return _sorted;
        }
    }

    /// <summary>The position of the first name after <paramref name="name"/> (or at it, when <paramref name="inclusive"/>).</summary>
    public static int IndexAfter(LocalObject[] sorted, string name, bool inclusive)
    {
        int low = 0, high = sorted.Length;
        while (low < high)
        {
            var middle = (low + high) / 2;
            var order = Utf8Order.Compare(sorted[middle].Name, name);
            if (order < 0 || (order == 0 && !inclusive))
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }
}

/// <summary>Cloud Storage lists names in the order of their UTF-8 bytes (which differs from UTF-16 order above U+FFFF).</summary>
internal static class Utf8Order
{
    public static int Compare(string a, string b)
    {
        var ordinal = string.CompareOrdinal(a, b);
        if (ordinal == 0 || (IsBmpOnly(a) && IsBmpOnly(b)))
        {
            return ordinal;
        }

        return Encoding.UTF8.GetBytes(a).AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(b));
    }

    // Below the surrogate range, UTF-16 code-unit order and UTF-8 byte order agree.
    private static bool IsBmpOnly(string text) => !text.AsSpan().ContainsAnyInRange('\uD800', '\uFFFF');
}
