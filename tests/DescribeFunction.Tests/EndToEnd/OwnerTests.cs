using DescribeFunction.Store;
using DescribeFunction.Tests.Infrastructure;

namespace DescribeFunction.Tests.EndToEnd;

/// <summary>
/// <c>OWNER_PATTERN</c> end to end: the owner read from the object name is on the document in every state the function
/// records, and a name the pattern does not match gets no owner, so security rules keyed on it let no client read it.
/// </summary>
public sealed class OwnerTests
{
    [Theory]
    [InlineData(DescriptionStatus.Done, null, null)]
    [InlineData(DescriptionStatus.Failed, "MAX_OBJECT_BYTES", "10")]
    [InlineData(DescriptionStatus.Deferred, "DAILY_IMAGE_BUDGET", "0")]
    public async Task RecordedVersion_CarriesTheOwnerOnlyWhenTheNameMatches(string status, string? setting, string? value)
    {
        var settings = new Dictionary<string, string?> { ["OWNER_PATTERN"] = "users/{owner}/**" };
        if (setting is not null)
        {
            settings[setting] = value;
        }

        await using var stack = await FunctionWithStandIns.StartAsync(settings);
        var image = DescribeEndToEndTests.Sample("sunset-landscape.jpg");
        foreach (var name in new[] { "users/alice/x.jpg", "shared/z.jpg" })
        {
            var response = await stack.UploadAndDeliverAsync(name, image, "image/jpeg");
            Assert.True(response.IsSuccessStatusCode, $"HTTP {(int)response.StatusCode} for {name}");
        }

        var owned = (await stack.GetDocumentAsync("users/alice/x.jpg"))!.Fields;
        Assert.Equal(status, owned.GetString(DescriptionFields.Status));
        Assert.Equal("alice", owned.GetString(DescriptionFields.Owner));
        var unowned = (await stack.GetDocumentAsync("shared/z.jpg"))!.Fields;
        Assert.Equal(status, unowned.GetString(DescriptionFields.Status));
        Assert.False(unowned.ContainsKey(DescriptionFields.Owner), "a name OWNER_PATTERN does not match must get no owner");
    }

    [Fact]
    public async Task WithoutOwnerPattern_NoDocumentHasAnOwner()
    {
        await using var stack = await FunctionWithStandIns.StartAsync();
        await stack.UploadAndDeliverAsync("users/alice/x.jpg", DescribeEndToEndTests.Sample("sunset-landscape.jpg"), "image/jpeg");

        var fields = (await stack.GetDocumentAsync("users/alice/x.jpg"))!.Fields;
        Assert.Equal(DescriptionStatus.Done, fields.GetString(DescriptionFields.Status));
        Assert.False(fields.ContainsKey(DescriptionFields.Owner));
    }
}
