using DescribeFunction.Configuration;

namespace DescribeFunction.Admission;

/// <summary>
/// At most <c>MAX_CONCURRENT_DESCRIBES</c> describes at once in this instance. Beyond it an event is turned away at
/// once (the host answers 429), so that Eventarc backs off and redelivers instead of the model taking the burst.
/// </summary>
public sealed class DescribeSlots(AdmissionSettings settings)
{
    private readonly int _limit = settings.MaxConcurrentDescribes;
    private int _inUse;

    public int Limit => _limit;

    public int InUse => Volatile.Read(ref _inUse);

    /// <summary>A slot to hold while describing, or null when all are in use.</summary>
    public Slot? TryEnter()
    {
        if (Interlocked.Increment(ref _inUse) <= _limit)
        {
            return new Slot(this);
        }

        Interlocked.Decrement(ref _inUse);
        return null;
    }

    public sealed class Slot(DescribeSlots owner) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                Interlocked.Decrement(ref owner._inUse);
            }
        }
    }
}
