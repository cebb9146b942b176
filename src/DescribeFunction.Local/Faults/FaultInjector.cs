namespace DescribeFunction.Local.Faults;

/// <summary>Thread-safe queue of fault plans for one stand-in; each request takes at most one plan.</summary>
public sealed class FaultInjector
{
    private readonly Lock _lock = new();
    private readonly List<(FaultPlan Plan, int Remaining)> _plans = [];
    private int _requests;

    /// <summary>Requests seen by the stand-in (control requests excluded), for asserting how often a service was called.</summary>
    public int RequestCount => Volatile.Read(ref _requests);

    /// <summary>Applications of the plans still waiting for a request, so a test can tell when a fault has struck.</summary>
    public int Pending
    {
        get
        {
            lock (_lock)
            {
                return _plans.Sum(p => p.Remaining);
            }
        }
    }

    public void Add(FaultPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        lock (_lock)
        {
            _plans.Add((plan, plan.Count));
        }
    }

    public void Clear()
    {
        lock (_lock)
        {
            _plans.Clear();
        }
    }

    /// <summary>Counts the request and hands back the first plan that matches its path, using up one of its applications.</summary>
    public FaultPlan? Take(string path)
    {
        Interlocked.Increment(ref _requests);
        lock (_lock)
        {
            for (var i = 0; i < _plans.Count; i++)
            {
                var (plan, remaining) = _plans[i];
                if (plan.PathContains is { } part && !path.Contains(part, StringComparison.Ordinal))
                {
                    continue;
                }

                if (remaining <= 1)
                {
                    _plans.RemoveAt(i);
                }
                else
                {
                    _plans[i] = (plan, remaining - 1);
                }

                return plan;
            }
        }

        return null;
    }
}
