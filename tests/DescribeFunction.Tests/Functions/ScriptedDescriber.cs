using System.Collections.Concurrent;
using DescribeFunction.Describing;

namespace DescribeFunction.Tests.Functions;

/// <summary>An image describer that answers from a script: each call takes the next step, the last step repeats.</summary>
internal sealed class ScriptedDescriber(params Func<DescribeRequest, DescriptionResult>[] steps) : IImageDescriber
{
    private int _calls;

    public ConcurrentQueue<DescribeRequest> Requests { get; } = new();

    public int Calls => _calls;

    public static DescriptionResult Text(string text) => new() { Text = text, Model = "scripted", FinishReason = "stop", Chunks = 1, Total = TimeSpan.FromMilliseconds(5) };

    public static Func<DescribeRequest, DescriptionResult> Answer(string text) => _ => Text(text);

    public static Func<DescribeRequest, DescriptionResult> Throw(string code, bool transient) =>
        _ => throw new DescribeException(code, $"Scripted failure {code}.", isTransient: transient);

    public Task<DescriptionResult> DescribeAsync(DescribeRequest request, IProgress<DescribeProgress>? progress, CancellationToken cancellationToken)
    {
        Requests.Enqueue(request);
        var call = Interlocked.Increment(ref _calls) - 1;
        return Task.FromResult(steps[Math.Min(call, steps.Length - 1)](request));
    }
}
