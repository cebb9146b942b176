using System.Security.Cryptography;
using System.Text;
using DescribeFunction.Configuration;

namespace DescribeFunction.Backfill;

/// <summary>
/// This task's share of the bucket in a Cloud Run job: the objects whose SHA-256 of the UTF-8 name, read as a 256-bit
/// big-endian unsigned number, leaves <see cref="Index"/> when divided by <see cref="Count"/>. Tasks never overlap and
/// together cover every name; a retried task gets the same share.
/// </summary>
public sealed record Shard(int Index, int Count, int Attempt = 0, string? Execution = null)
{
    /// <summary>Cloud Run jobs allow up to 10,000 tasks.</summary>
    public const int MaxTasks = TaskSettings.MaxTasks;

    public static Shard Whole { get; } = new(0, 1);

    /// <summary>This task's shard, from the Cloud Run job's task settings.</summary>
    public static Shard From(TaskSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new Shard(settings.TaskIndex, settings.TaskCount, settings.TaskAttempt, settings.Execution);
    }

    public bool Contains(string objectName) => Count == 1 || Of(objectName, Count) == Index;

    /// <summary>The remainder of the whole digest, one byte at a time: exact, and no big-number type needed.</summary>
    public static int Of(string objectName, int count)
    {
        ArgumentNullException.ThrowIfNull(objectName);
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(objectName), digest);
        var remainder = 0L;
        foreach (var b in digest)
        {
            remainder = ((remainder << 8) | b) % count;
        }

        return (int)remainder;
    }
}
