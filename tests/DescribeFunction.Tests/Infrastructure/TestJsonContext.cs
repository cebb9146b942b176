using System.Text.Json.Serialization;

namespace DescribeFunction.Tests.Infrastructure;

[JsonSerializable(typeof(string))]
internal sealed partial class TestJsonContext : JsonSerializerContext;
