using System.Text;
using DescribeFunction.Store;

namespace DescribeFunction.Tests.Store;

public class DescriptionTextTests
{
    [Fact]
    public void Cap_ShortText_IsUnchanged() => Assert.Equal(("A cat.", false), DescriptionText.Cap("A cat."));

    [Fact]
    public void Cap_LongText_IsCutBelowTheLimitOnACharacterBoundary()
    {
        var text = string.Concat(Enumerable.Repeat("кот🐈", 100));

        var (capped, truncated) = DescriptionText.Cap(text, maxBytes: 101);

        Assert.True(truncated);
        Assert.True(Encoding.UTF8.GetByteCount(capped) <= 101);
        Assert.StartsWith(capped, text, StringComparison.Ordinal);
        Assert.DoesNotContain('\uFFFD', capped);
    }
}
