using System.Text.Json;
using System.Text.Json.Serialization;
using DescribeFunction.Events;

namespace DescribeFunction.Storage;

/// <summary>One page of a Cloud Storage <c>objects.list</c> answer, as far as the <c>fields</c> projection keeps it.</summary>
public sealed record ObjectListPage
{
    public IReadOnlyList<StorageObjectData>? Items { get; init; }

    /// <summary>Absent on the last page; a page may hold fewer than <c>maxResults</c> items and still have one.</summary>
    public string? NextPageToken { get; init; }
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(ObjectListPage))]
internal sealed partial class StorageJsonContext : JsonSerializerContext;
