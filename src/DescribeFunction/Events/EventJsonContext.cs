using System.Text.Json;
using System.Text.Json.Serialization;

namespace DescribeFunction.Events;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, WriteIndented = false, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(StorageObjectData))]
[JsonSerializable(typeof(JsonElement))]
internal sealed partial class EventJsonContext : JsonSerializerContext;
