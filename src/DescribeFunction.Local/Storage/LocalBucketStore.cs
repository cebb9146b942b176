using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace DescribeFunction.Local.Storage;

/// <summary>
/// Buckets as folders: <c>{root}/{bucket}/{escaped name}</c> holds the bytes and a <c>.meta.json</c> beside it holds
/// the object's metadata. Names are escaped whole so that any object name (with <c>/</c>, <c>%</c>, <c>#</c>, unicode)
/// maps to one flat file. Thread-safe; each put makes a new generation.
/// </summary>
public sealed class LocalBucketStore
{
    private readonly Lock _lock = new();
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<BucketIndex>> _indexes = new(StringComparer.Ordinal);
    private long _lastGeneration;

    public LocalBucketStore(string root)
    {
        Root = Path.GetFullPath(root);
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    /// <summary>Raised after each put, as Cloud Storage notifies Eventarc when an object is finalized.</summary>
    public event EventHandler<LocalObject>? ObjectFinalized;

    public LocalObject Put(string bucket, string name, ReadOnlySpan<byte> bytes, string contentType)
    {
        ArgumentException.ThrowIfNullOrEmpty(bucket);
        ArgumentException.ThrowIfNullOrEmpty(name);
        var path = DataPath(bucket, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        LocalObject meta;
        lock (_lock)
        {
            // Generations are microsecond timestamps in Cloud Storage; keep them increasing even within one tick.
            var generation = Math.Max(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1000, _lastGeneration + 1);
            _lastGeneration = generation;
            var now = DateTimeOffset.UtcNow;
            meta = new LocalObject(
                bucket, name, generation, 1, contentType, bytes.Length,
#pragma warning disable CA5351 // Cloud Storage's md5Hash field is MD5 by definition: an integrity checksum, not security.
                Convert.ToBase64String(MD5.HashData(bytes)), now, now);
#pragma warning restore CA5351
            File.WriteAllBytes(path, bytes.ToArray());
            File.WriteAllText(path + MetaSuffix, JsonSerializer.Serialize(meta, LocalObjectJsonContext.Default.LocalObject));
            if (_indexes.TryGetValue(bucket, out var index) && index.IsValueCreated)
            {
                index.Value.Put(meta);
            }
            else
            {
                _indexes.TryRemove(bucket, out _);
            }
        }

        ObjectFinalized?.Invoke(this, meta);
        return meta;
    }

    public LocalObject? GetMetadata(string bucket, string name)
    {
        var metaPath = DataPath(bucket, name) + MetaSuffix;
        return File.Exists(metaPath)
            ? JsonSerializer.Deserialize(File.ReadAllText(metaPath), LocalObjectJsonContext.Default.LocalObject)
            : null;
    }

    public byte[]? ReadBytes(string bucket, string name)
    {
        var path = DataPath(bucket, name);
        return File.Exists(path) ? File.ReadAllBytes(path) : null;
    }

    /// <summary>Every object in the bucket in Cloud Storage's listing order (UTF-8 byte order of the names).</summary>
    public LocalObject[] List(string bucket)
    {
        ArgumentException.ThrowIfNullOrEmpty(bucket);
        var folder = Path.Combine(Root, Uri.EscapeDataString(bucket));
        return _indexes.GetOrAdd(bucket, _ => new Lazy<BucketIndex>(() => BucketIndex.Load(folder))).Value.Sorted();
    }

    internal const string MetaSuffix = ".meta.json";

    private string DataPath(string bucket, string name)
    {
        // Escaping every character outside [A-Za-z0-9-_.~] keeps names flat, and "." / ".." harmless once prefixed.
        var escaped = "o_" + Uri.EscapeDataString(name);
        if (Encoding.UTF8.GetByteCount(escaped) > 200)
        {
            escaped = "h_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name)));
        }

        return Path.Combine(Root, Uri.EscapeDataString(bucket), escaped);
    }
}

/// <summary>What the Cloud Storage stand-in knows about one stored object version.</summary>
public sealed record LocalObject(
    string Bucket,
    string Name,
    long Generation,
    long Metageneration,
    string ContentType,
    long Size,
    string Md5Hash,
    DateTimeOffset TimeCreated,
    DateTimeOffset Updated);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(LocalObject))]
internal sealed partial class LocalObjectJsonContext : JsonSerializerContext;
