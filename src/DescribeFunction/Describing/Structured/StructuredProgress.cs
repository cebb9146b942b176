namespace DescribeFunction.Describing.Structured;

/// <summary>
/// Passes on the streamed JSON as the prose inside it: each report carries the partial <c>description</c>, so
/// progressive writes of a structured answer look like those of a text answer.
/// </summary>
internal sealed class StructuredProgress(IProgress<DescribeProgress> inner) : IProgress<DescribeProgress>
{
    private readonly PartialDescriptionReader _reader = new();

    public void Report(DescribeProgress value)
    {
        var added = _reader.Append(value.Delta);
        if (added.Length > 0)
        {
            inner.Report(new DescribeProgress(added, _reader.Text, value.Chunks));
        }
    }
}
