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

    /// <summary>Every object of the bucket, in the lexicographic order of Cloud Storage listings.</summary>
    public IReadOnlyList<LocalObject> List(string bucket)
    {
        var folder = Path.Combine(Root, Uri.EscapeDataString(bucket));
        if (!Directory.Exists(folder))
        {
            return [];
        }

        var objects = new List<LocalObject>();
        foreach (var metaPath in Directory.EnumerateFiles(folder, "*" + MetaSuffix))
        {
            try
            {
                if (JsonSerializer.Deserialize(File.ReadAllText(metaPath), LocalObjectJsonContext.Default.LocalObject) is { } meta)
                {
                    objects.Add(meta);
                }
            }
            catch (Exception e) when (e is IOException or JsonException)
            {
                // Being replaced by a concurrent put: the next listing sees the new version.
            }
        }

        objects.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        return objects;
    }

    private const string MetaSuffix = ".meta.json";

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
