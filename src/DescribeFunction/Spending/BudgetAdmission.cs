using DescribeFunction.Store;

namespace DescribeFunction.Spending;

/// <summary>What <see cref="IBudgetGate.AdmitAsync"/> decided. Dispose it when the work is over, recorded or not.</summary>
public sealed class BudgetAdmission : IDisposable
{
    private Action<DailyUsage?, bool>? _settle;
    private DailyUsage? _recorded;
    private bool _claimed;

    /// <param name="settle">Called once on dispose with what was recorded and whether the version was claimed.</param>
    /// <param name="refusal">Why the image may not be described; null when it may.</param>
    internal BudgetAdmission(Action<DailyUsage?, bool>? settle, string? refusal)
    {
        _settle = settle;
        Refusal = refusal;
    }

    internal static BudgetAdmission Unlimited => new(null, null);

    /// <summary>Why the image may not be described today; null when it may.</summary>
    public string? Refusal { get; }

    internal static BudgetAdmission Refused(string refusal) => new(null, refusal);

    /// <summary>The version was claimed for describing: what was admitted is spent from here on, whatever follows.</summary>
    public void Claimed() => _claimed = true;

    /// <summary>The outcome was stored with this usage: count it until the ledger shows it.</summary>
    public void Recorded(DailyUsage usage)
    {
        _recorded = usage;
        _claimed = true;
    }

    public void Dispose() => Interlocked.Exchange(ref _settle, null)?.Invoke(_recorded, _claimed);
}
