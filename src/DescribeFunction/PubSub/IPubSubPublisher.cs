namespace DescribeFunction.PubSub;

/// <summary>
/// Publishes to a Pub/Sub topic. The seam between what is published and how: <see cref="PubSubClient"/> speaks the
/// REST API; tests put a failing or hanging publisher here.
/// </summary>
public interface IPubSubPublisher
{
    /// <summary>Publishes one message and returns the id Pub/Sub gave it.</summary>
    /// <param name="topic">The full name, <c>projects/P/topics/T</c>.</param>
    /// <exception cref="PubSubException">The message was not accepted; <see cref="PubSubException.IsTransient"/> says whether another try may pass.</exception>
    Task<string> PublishAsync(string topic, PubSubMessage message, CancellationToken cancellationToken);
}
