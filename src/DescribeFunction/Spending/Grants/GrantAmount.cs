namespace DescribeFunction.Spending.Grants;

/// <summary>
/// Images and tokens, granted or wanted, per dimension. A dimension without a budget is always zero: nothing is
/// leased for it and nothing limits it.
/// </summary>
public readonly record struct GrantAmount(long Images, long Tokens)
{
    public static GrantAmount Zero => default;

    public bool IsZero => Images == 0 && Tokens == 0;

    /// <summary>At least <paramref name="other"/> in both dimensions.</summary>
    public bool Covers(GrantAmount other) => Images >= other.Images && Tokens >= other.Tokens;

    /// <summary>Negative dimensions raised to zero.</summary>
    public GrantAmount AtLeastZero => new(Math.Max(0, Images), Math.Max(0, Tokens));

    public static GrantAmount operator +(GrantAmount a, GrantAmount b) => new(a.Images + b.Images, a.Tokens + b.Tokens);

    public static GrantAmount operator -(GrantAmount a, GrantAmount b) => new(a.Images - b.Images, a.Tokens - b.Tokens);

    public static GrantAmount Min(GrantAmount a, GrantAmount b) => new(Math.Min(a.Images, b.Images), Math.Min(a.Tokens, b.Tokens));

    public static GrantAmount Max(GrantAmount a, GrantAmount b) => new(Math.Max(a.Images, b.Images), Math.Max(a.Tokens, b.Tokens));

    public GrantAmount Add(GrantAmount other) => this + other;

    public GrantAmount Subtract(GrantAmount other) => this - other;

    /// <summary>A quarter of each dimension, rounded down: how much beyond the demand a nearly spent shard still lends.</summary>
    public GrantAmount Quarter => new(Images / 4, Tokens / 4);

    /// <summary>This budget's share for one of <paramref name="shards"/>: the remainder goes to the first shards.</summary>
    public GrantAmount ShareOf(int shard, int shards) => new(Share(Images, shard, shards), Share(Tokens, shard, shards));

    public override string ToString() => FormattableString.Invariant($"{Images} images, {Tokens} tokens");

    private static long Share(long total, int shard, int shards) => (total / shards) + (shard < total % shards ? 1 : 0);
}
