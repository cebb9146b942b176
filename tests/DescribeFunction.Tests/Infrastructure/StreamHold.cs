using DescribeFunction.Local.Describer;
using DescribeFunction.Local.Hosting;

namespace DescribeFunction.Tests.Infrastructure;

/// <summary>
/// Holds the offline describer's stream after its Nth content chunk until <see cref="Release"/> (or a deadline, so
/// a test that never releases fails on its own assertion instead of hanging): a test can then observe the state in
/// the middle of a stream — a progressive write, say — however busy the machine, without racing the stream's end.
/// </summary>
public sealed class StreamHold : IDisposable
{
    private readonly DescriberLog _log;
    private readonly int _chunk;
    private readonly TimeSpan _deadline;
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _chunks;

    private StreamHold(DescriberLog log, int chunk, TimeSpan deadline)
    {
        _log = log;
        _chunk = chunk;
        _deadline = deadline;
        _log.ChunkStreamed += OnChunk;
    }

    /// <summary>Holds every stream of <paramref name="describer"/>, counted together, once <paramref name="chunk"/> chunks have left it.</summary>
    public static StreamHold AfterChunk(StandInServer describer, int chunk, TimeSpan? deadline = null) =>
        new(DescriberStandIn.GetLog(describer), chunk, deadline ?? TimeSpan.FromSeconds(30));

    /// <summary>Lets the stream go on; calling it again, or before the hold is reached, is harmless.</summary>
    public void Release() => _released.TrySetResult();

    public void Dispose()
    {
        _log.ChunkStreamed -= OnChunk;
        Release();
    }

    // Runs on the describer's response path: blocking here holds the stream, as the describer sends nothing more
    // until its handler returns.
    private void OnChunk(object? sender, StreamedChunk chunk)
    {
        if (Interlocked.Increment(ref _chunks) == _chunk)
        {
            _released.Task.Wait(_deadline);
        }
    }
}
