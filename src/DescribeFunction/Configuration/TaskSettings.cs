namespace DescribeFunction.Configuration;

/// <summary>What a Cloud Run job tells each of its tasks: the backfill's shard and its run's name.</summary>
public sealed record TaskSettings
{
    /// <summary>Cloud Run jobs allow up to 10,000 tasks.</summary>
    public const int MaxTasks = 10_000;

    /// <summary>In a Cloud Run job, this task's 0-based index (<c>CLOUD_RUN_TASK_INDEX</c>): a backfill's shard.</summary>
    public int TaskIndex { get; init; }

    /// <summary>The job's number of tasks (<c>CLOUD_RUN_TASK_COUNT</c>); 1 outside a job.</summary>
    public int TaskCount { get; init; } = 1;

    /// <summary>How often this task was retried (<c>CLOUD_RUN_TASK_ATTEMPT</c>).</summary>
    public int TaskAttempt { get; init; }

    /// <summary>The job execution's name (<c>CLOUD_RUN_EXECUTION</c>); null outside a job.</summary>
    public string? Execution { get; init; }

    /// <summary>Reads the Cloud Run job's task variables; problems are reported through <paramref name="settings"/>.</summary>
    public static TaskSettings Read(SettingsReader settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var defaults = new TaskSettings();
        var task = new TaskSettings
        {
            TaskCount = settings.GetInt("CLOUD_RUN_TASK_COUNT", defaults.TaskCount, 1, MaxTasks),
            TaskIndex = settings.GetInt("CLOUD_RUN_TASK_INDEX", defaults.TaskIndex, 0, MaxTasks - 1),
            TaskAttempt = settings.GetInt("CLOUD_RUN_TASK_ATTEMPT", defaults.TaskAttempt, 0, 1000),
            Execution = settings.GetString("CLOUD_RUN_EXECUTION"),
        };
        settings.Require(task.TaskIndex < task.TaskCount,
            $"The setting CLOUD_RUN_TASK_INDEX must be below CLOUD_RUN_TASK_COUNT ({task.TaskCount}), but it is {task.TaskIndex}.");
        return task;
    }
}
