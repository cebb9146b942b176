namespace DescribeFunction.Describing;

/// <summary>Produces one description of one image, reporting the text as it streams in.</summary>
public interface IImageDescriber
{
    /// <exception cref="DescribeException">No description could be produced; <see cref="DescribeException.IsTransient"/> says whether to try again.</exception>
    Task<DescriptionResult> DescribeAsync(DescribeRequest request, IProgress<DescribeProgress>? progress, CancellationToken cancellationToken);
}
