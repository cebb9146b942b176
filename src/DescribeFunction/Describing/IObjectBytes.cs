namespace DescribeFunction.Describing;

/// <summary>
/// The bytes of one object version, for an image sent inline. A seam, because the reader lives in <c>Storage/</c>,
/// which uses this folder: Describing names what it needs and Storage provides it, so the two never form a cycle.
/// </summary>
public interface IObjectBytes
{
    /// <exception cref="DescribeException">The bytes could not be read; <see cref="DescribeException.IsTransient"/> says whether to try again.</exception>
    Task<BinaryData> ReadAsync(string bucket, string objectName, long? generation, CancellationToken cancellationToken);
}
