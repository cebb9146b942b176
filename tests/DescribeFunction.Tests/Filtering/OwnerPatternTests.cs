using DescribeFunction.Configuration;
using DescribeFunction.Filtering;

namespace DescribeFunction.Tests.Filtering;

public class OwnerPatternTests
{
    [Theory]
    [InlineData("users/{owner}/**", "users/alice/x.jpg", "alice")]
    [InlineData("users/{owner}/**", "users/bob/holiday/2026/y.jpg", "bob")]
    [InlineData("users/{owner}/*.jpg", "users/alice/x.jpg", "alice")]
    [InlineData("**/by-{owner}/*", "albums/summer/by-carol/z.png", "carol")]
    [InlineData("tenants/?/{owner}/**", "tenants/a/dave/p.png", "dave")]
    [InlineData("users/{owner}/", "users/erin/anything/below.png", "erin")]
    [InlineData("{owner}.png", "frank.png", "frank")]
    public void OwnerOf_AMatchingName_IsThePlaceholdersSegment(string pattern, string name, string owner) =>
        Assert.Equal(owner, OwnerPattern.Parse(pattern).OwnerOf(name));

    [Theory]
    [InlineData("users/{owner}/**", "shared/z.jpg")]
    [InlineData("users/{owner}/**", "users/x.jpg")]
    [InlineData("users/{owner}/**", "users//x.jpg")]
    [InlineData("users/{owner}/**", "prefix/users/alice/x.jpg")]
    [InlineData("users/{owner}/*.jpg", "users/alice/deeper/x.jpg")]
    [InlineData("users/{owner}/*.jpg", "users/alice/x.png")]
    [InlineData("{owner}.png", "sub/frank.png")]
    public void OwnerOf_ANameThePatternDoesNotMatch_IsNull(string pattern, string name) =>
        Assert.Null(OwnerPattern.Parse(pattern).OwnerOf(name));

    [Theory]
    [InlineData("users/**", "must contain {owner} exactly once")]
    [InlineData("users/{owner}/{owner}/**", "must contain {owner} exactly once")]
    [InlineData("users/{uid}/**", "must contain {owner} exactly once")]
    [InlineData("users/{owner}/{uid}/**", "may use no placeholder but {owner}")]
    [InlineData("users/*{owner}/**", "fixed text between {owner} and a wildcard")]
    [InlineData("users/{owner}**", "fixed text between {owner} and a wildcard")]
    [InlineData("users/{owner}?/x", "fixed text between {owner} and a wildcard")]
    public void Problem_AnUnusablePattern_IsOneSentenceNamingTheSetting(string pattern, string expected)
    {
        var problem = OwnerPattern.Problem(pattern);

        Assert.NotNull(problem);
        Assert.StartsWith("The setting OWNER_PATTERN ", problem, StringComparison.Ordinal);
        Assert.Contains(expected, problem, StringComparison.Ordinal);
        Assert.EndsWith($"'{pattern}'.", problem, StringComparison.Ordinal);
        Assert.Throws<FormatException>(() => OwnerPattern.Parse(pattern));
    }

    [Fact]
    public void FromSetting_Blank_IsNoOwners() =>
        Assert.Null(OwnerPattern.FromSetting(null));

    [Fact]
    public void ReadSettings_AnInvalidOwnerPattern_StopsStartupWithItsSentence()
    {
        var reader = new SettingsReader(new ConfigurationBuilder()
            .AddInMemoryCollection([KeyValuePair.Create<string, string?>("OWNER_PATTERN", "users/{uid}/**")]).Build());

        new DescribeImageStartup().ReadSettings(reader);

        var error = Assert.Single(reader.Errors);
        Assert.StartsWith("The setting OWNER_PATTERN must contain {owner} exactly once", error, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadSettings_AValidOwnerPattern_IsKept()
    {
        var reader = new SettingsReader(new ConfigurationBuilder()
            .AddInMemoryCollection([KeyValuePair.Create<string, string?>("OWNER_PATTERN", " users/{owner}/** ")]).Build());
        var startup = new DescribeImageStartup();

        startup.ReadSettings(reader);

        Assert.Empty(reader.Errors);
        Assert.Equal("users/{owner}/**", startup.Settings.Filter.OwnerPattern);
    }
}
