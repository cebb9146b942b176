namespace DescribeFunction.Configuration;

/// <summary>The Functions Framework host contract: where to listen, which function to serve, how to stop.</summary>
public sealed record HostSettings
{
    public const string FunctionName = "DescribeFunction.DescribeImageFunction";

    public int Port { get; init; } = 8080;

    /// <summary>All interfaces in a container or on Cloud Run; loopback on a laptop.</summary>
    public bool BindAllInterfaces { get; init; }

    /// <summary>Cloud Run sets K_SERVICE (a service) or CLOUD_RUN_JOB (a job): logs then go to stdout as Cloud Logging JSON.</summary>
    public bool OnGoogleCloud { get; init; }

    /// <summary>How long in-flight events may run after SIGTERM; Cloud Run allows 10 s before SIGKILL.</summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(9);

    public static HostSettings Read(SettingsReader settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var inContainer = settings.GetBool("DOTNET_RUNNING_IN_CONTAINER", false);
        var service = settings.GetString("K_SERVICE");
        var target = settings.GetString("FUNCTION_TARGET");
        settings.Require(target is null || IsThisFunction(target),
            $"The setting FUNCTION_TARGET names '{target}', but this deployment only serves {FunctionName}.");
        return new HostSettings
        {
            Port = settings.GetInt("PORT", 8080, 0, 65535),
            BindAllInterfaces = inContainer || service is not null,
            OnGoogleCloud = service is not null || settings.GetString("CLOUD_RUN_JOB") is not null,
            ShutdownTimeout = settings.GetDuration("SHUTDOWN_TIMEOUT", TimeSpan.FromSeconds(9), TimeSpan.Zero, TimeSpan.FromMinutes(10)),
        };
    }

    private static bool IsThisFunction(string target) =>
        target is FunctionName or "DescribeImageFunction" or "DescribeImage";
}
