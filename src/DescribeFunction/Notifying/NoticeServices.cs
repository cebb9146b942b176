using DescribeFunction.Configuration;
using DescribeFunction.PubSub;
using DescribeFunction.Store;
using Google.Apis.Auth.OAuth2;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DescribeFunction.Notifying;

public static class NoticeServices
{
    /// <summary>With <c>NOTIFY_TOPIC</c> set, the Pub/Sub client and the sender of owed notices; nothing otherwise.</summary>
    public static IServiceCollection AddNotices(
        this IServiceCollection services, NoticeSettings notices, GoogleCloudSettings cloud, ReliabilitySettings reliability, string projectId, ITokenAccess? credential)
    {
        ArgumentNullException.ThrowIfNull(notices);
        ArgumentNullException.ThrowIfNull(cloud);
        ArgumentNullException.ThrowIfNull(reliability);
        if (notices.NotifyTopic is not { } topic)
        {
            return services;
        }

        services.TryAddSingleton<IPubSubPublisher>(PubSubClient.Create(cloud.PubSubEmulatorHost, credential));
        services.TryAddSingleton(sp => new NoticeSender(
            sp.GetRequiredService<INoticeStore>(), sp.GetRequiredService<IPubSubPublisher>(), TopicName.Resolve(topic, projectId),
            reliability.DuplicateWait, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<NoticeSender>>()));
        return services;
    }
}
