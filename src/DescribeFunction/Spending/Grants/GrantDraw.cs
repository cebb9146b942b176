namespace DescribeFunction.Spending.Grants;

/// <summary>
/// One admission's share of a lease this instance holds, or a refusal. Settle it once with what was used: the rest
/// goes back to the instance's pool for the next admission.
/// </summary>
public sealed class GrantDraw
{
    private GrantPool? _pool;

    internal GrantDraw(GrantPool? pool, PooledLease? lease, GrantAmount need, string? refusal)
    {
        _pool = pool;
        Lease = lease;
        Need = need;
        Refusal = refusal;
    }

    /// <summary>Which budget is spent; null when the grant was given.</summary>
    public string? Refusal { get; }

    /// <summary>What was drawn: one image, and the estimated tokens of the call.</summary>
    public GrantAmount Need { get; }

    internal PooledLease? Lease { get; }

    internal static GrantDraw Refused(string refusal) => new(null, null, GrantAmount.Zero, refusal);

    /// <summary>
    /// <paramref name="used"/> is what the work cost: zero when the model was never called, one image and the actual
    /// tokens when it was (more than drawn when the estimate fell short).
    /// </summary>
    public void Settle(GrantAmount used) => Interlocked.Exchange(ref _pool, null)?.Settle(this, used);
}

/// <summary>A lease in this instance's pool: what is left of it and how many admissions hold part of it now.</summary>
internal sealed class PooledLease(HeldLease lease)
{
    public HeldLease Lease { get; } = lease;

    /// <summary>Neither used nor drawn; may go below zero in tokens when calls cost more than their estimate.</summary>
    public GrantAmount Remaining { get; set; } = lease.Amount;

    public int InFlight { get; set; }
}
