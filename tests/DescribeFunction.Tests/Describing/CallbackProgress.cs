using DescribeFunction.Describing;

namespace DescribeFunction.Tests.Describing;

/// <summary>Reports synchronously, unlike <see cref="Progress{T}"/>, so tests see reports in order.</summary>
internal sealed class CallbackProgress(Action<DescribeProgress> onReport) : IProgress<DescribeProgress>
{
    public void Report(DescribeProgress value) => onReport(value);
}
