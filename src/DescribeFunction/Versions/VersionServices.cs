using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DescribeFunction.Versions;

public static class VersionServices
{
    /// <summary>One object version's line, each step handing to the next: claim → answer → commit, then the notice.</summary>
    public static IServiceCollection AddVersionSteps(this IServiceCollection services)
    {
        services.TryAddSingleton<ClaimStep>();
        services.TryAddSingleton<AnswerStep>();
        services.TryAddSingleton<CommitStep>();
        services.TryAddSingleton<NoticeStep>();
        return services;
    }
}
