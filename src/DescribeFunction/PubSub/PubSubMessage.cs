namespace DescribeFunction.PubSub;

/// <summary>One message to publish: the payload and its attributes, as Pub/Sub's REST API takes them.</summary>
public sealed record PubSubMessage(ReadOnlyMemory<byte> Data, IReadOnlyDictionary<string, string> Attributes);
