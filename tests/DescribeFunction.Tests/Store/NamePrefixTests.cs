using System.Text;
using DescribeFunction.Store;

namespace DescribeFunction.Tests.Store;

public sealed class NamePrefixTests
{
    // Names that start with the prefix, with next characters across the planes, and names that do not.
    private static readonly string[] Under = ["users/alice/", "users/alice/a.jpg", "users/alice/😀.jpg", "users/alice/Ｆ.jpg", "users/alice/\uf8ff.jpg", "users/alice/\U0010FFFF"];
    private static readonly string[] Outside = ["users/alice", "users/alicf/a.jpg", "users/alice0.jpg", "users/bob/a.jpg", "users/alicd/😀.jpg"];

    [Fact]
    public void UpperBound_RaisesTheLastCharacter()
    {
        Assert.Equal("users/alice0", NamePrefix.UpperBound("users/alice/"));
        Assert.Equal("trips/2026/😁", NamePrefix.UpperBound("trips/2026/😀"));
    }

    [Fact]
    public void UpperBound_SkipsTheSurrogatesAndCarriesPastU10FFFF()
    {
        Assert.Equal("a\ue000", NamePrefix.UpperBound("a\ud7ff"));
        Assert.Equal("b", NamePrefix.UpperBound("a\U0010FFFF"));
        Assert.Null(NamePrefix.UpperBound("\U0010FFFF"));
        Assert.Null(NamePrefix.UpperBound(""));
    }

    [Fact]
    public void Range_HoldsEveryNameUnderThePrefix_AndNoOther_InFirestoresUtf8Order()
    {
        const string prefix = "users/alice/";
        var bound = NamePrefix.UpperBound(prefix)!;

        Assert.All(Under, name => Assert.True(InRange(name, prefix, bound), $"{name} should be in [{prefix}, {bound})."));
        Assert.All(Outside, name => Assert.False(InRange(name, prefix, bound), $"{name} should be outside [{prefix}, {bound})."));
        // The bound the lookups used before left the emoji and the full-width letter out.
        Assert.False(InRange("users/alice/😀.jpg", prefix, prefix + "\uf8ff"));
        Assert.False(InRange("users/alice/Ｆ.jpg", prefix, prefix + "\uf8ff"));
    }

    private static bool InRange(string name, string lower, string upper) => Compare(name, lower) >= 0 && Compare(name, upper) < 0;

    /// <summary>Firestore's string order: by UTF-8 bytes.</summary>
    private static int Compare(string a, string b) => Encoding.UTF8.GetBytes(a).AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(b));
}
