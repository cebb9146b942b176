namespace DescribeFunction.Describing;

/// <summary>
/// One streamed piece of text. Reports are made in order on the reading thread; <see cref="Text"/> carries the whole
/// text so far, so a consumer whose <see cref="IProgress{T}"/> reorders reports can still show the latest state.
/// </summary>
public readonly record struct DescribeProgress(string Delta, string Text, int Chunks);
