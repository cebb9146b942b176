namespace DescribeFunction.Configuration;

/// <summary>The daily budgets and how they are held.</summary>
public sealed record SpendSettings
{
    /// <summary>Images the function may describe per UTC day and model; null is unlimited, 0 defers everything.</summary>
    public long? DailyImageBudget { get; init; }

    /// <summary>Input plus output tokens per UTC day and model; null is unlimited.</summary>
    public long? DailyTokenBudget { get; init; }

    /// <summary>How stale this instance's reading of the day's usage may get before the ledger is read again.</summary>
    public TimeSpan BudgetRefresh { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// <c>strict</c>: a model call needs a grant leased from the day's allocation documents, so every instance
    /// together never passes a budget. <c>approximate</c>: each instance compares the ledger it last read.
    /// </summary>
    public BudgetMode BudgetMode { get; init; } = BudgetMode.Strict;

    /// <summary>Allocation documents per day and model that strict mode leases grants from.</summary>
    public int GrantShards { get; init; } = 16;

    private static readonly Dictionary<string, BudgetMode> BudgetModeChoices = new()
    {
        ["strict"] = BudgetMode.Strict,
        ["approximate"] = BudgetMode.Approximate,
    };

    /// <summary>Reads the spend guardrails; problems are reported through <paramref name="settings"/>.</summary>
    public static SpendSettings Read(SettingsReader settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var defaults = new SpendSettings();
        return new SpendSettings
        {
            DailyImageBudget = settings.GetOptionalLong("DAILY_IMAGE_BUDGET", 0, long.MaxValue),
            DailyTokenBudget = settings.GetOptionalLong("DAILY_TOKEN_BUDGET", 0, long.MaxValue),
            BudgetRefresh = settings.GetDuration("BUDGET_REFRESH", defaults.BudgetRefresh, TimeSpan.Zero, TimeSpan.FromHours(1)),
            BudgetMode = settings.GetChoice("BUDGET_MODE", defaults.BudgetMode, BudgetModeChoices),
            GrantShards = settings.GetInt("GRANT_SHARDS", defaults.GrantShards, 1, 500),
        };
    }
}

public enum BudgetMode
{
    /// <summary>Model calls need a grant leased from the allocation documents: the budget holds exactly.</summary>
    Strict,

    /// <summary>Each instance compares the usage ledger it last read (at most <c>BUDGET_REFRESH</c> old).</summary>
    Approximate,
}
