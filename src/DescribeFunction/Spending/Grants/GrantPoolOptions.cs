namespace DescribeFunction.Spending.Grants;

/// <summary>How long leases last and how large they are; fixed in production, shortened by tests.</summary>
public sealed record GrantPoolOptions
{
    /// <summary>A lease's life in the allocation document; past it, anyone may write off what it still holds.</summary>
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The instance stops drawing on a lease this long before it expires and gives back what is left.</summary>
    public TimeSpan ReturnBefore { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>A lease takes what the waiting admissions need plus this much more time at the recent rate.</summary>
    public TimeSpan Prefetch { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>The window the recent rate is measured over.</summary>
    public TimeSpan RateWindow { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How often leases past their use are looked for and given back, even when no admission comes.</summary>
    public TimeSpan SweepInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long giving back every lease may take when the instance stops.</summary>
    public TimeSpan ReturnTimeout { get; init; } = TimeSpan.FromSeconds(5);
}
