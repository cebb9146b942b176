using System.Text.Json;
using System.Text.Json.Serialization;

namespace DescribeFunction.Local.Faults;

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(FaultPlan))]
internal sealed partial class FaultJsonContext : JsonSerializerContext;
