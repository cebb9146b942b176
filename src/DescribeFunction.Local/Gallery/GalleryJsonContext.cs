using System.Text.Json;
using System.Text.Json.Serialization;

namespace DescribeFunction.Local.Gallery;

/// <summary>What the gallery's endpoints answer besides tiles.</summary>
/// <param name="Search">Whether the search box ranks by meaning (the function embeds its descriptions).</param>
public sealed record GalleryConfig(string Bucket, string Collection, long MaxUploadBytes, string MaxUploadText, bool Search);

/// <summary>A refusal the page shows as it is.</summary>
public sealed record GalleryProblem(string Error);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(GalleryConfig))]
[JsonSerializable(typeof(GalleryProblem))]
[JsonSerializable(typeof(string))]
internal sealed partial class GalleryJsonContext : JsonSerializerContext;
