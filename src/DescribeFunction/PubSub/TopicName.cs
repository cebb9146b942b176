namespace DescribeFunction.PubSub;

/// <summary>Topic names as <c>NOTIFY_TOPIC</c> takes them: the full <c>projects/P/topics/T</c>, or <c>T</c> in the given project.</summary>
public static class TopicName
{
    public static string Resolve(string topic, string projectId)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        return topic.StartsWith("projects/", StringComparison.Ordinal) ? topic : $"projects/{projectId}/topics/{topic}";
    }
}
