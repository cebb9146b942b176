using System.Security.Cryptography;
using System.Text;
using DescribeFunction.Firestore;
using DescribeFunction.Store;

namespace DescribeFunction.Tests.Store;

public class DocumentIdTests
{
    [Theory]
    [InlineData("a/b", "a%2Fb")]
    [InlineData("100%", "100%25")]
    [InlineData("photos/2024/cat.jpg", "photos%2F2024%2Fcat.jpg")]
    [InlineData("a%2Fb", "a%252Fb")]
    [InlineData("%23abc", "%2523abc")]
    [InlineData(".", "%2E")]
    [InlineData("..", "%2E%2E")]
    [InlineData("...", "...")]
    [InlineData(".hidden", ".hidden")]
    [InlineData("__x__", "%5F_x__")]
    [InlineData("____", "%5F___")]
    [InlineData("__a/b__", "%5F_a%2Fb__")]
    [InlineData("__init__.py", "__init__.py")]
    [InlineData("___", "___")]
    [InlineData("__", "__")]
    [InlineData("_x__", "_x__")]
    [InlineData("My File #1?.png", "My File #1?.png")]
    [InlineData("café/日本.jpg", "café%2F日本.jpg")]
    public void FromObjectName_FollowsTheDocumentContract(string objectName, string expectedId)
    {
        Assert.Equal(expectedId, DocumentId.FromObjectName(objectName));
        Assert.Equal(objectName, DocumentId.ToObjectName(expectedId));
    }

    [Fact]
    public void FromObjectName_MaximumLengthObjectName_IsUnchanged()
    {
        var name = new string('a', 512) + string.Concat(Enumerable.Repeat("é", 256)); // 1,024 UTF-8 bytes
        Assert.Equal(1024, Encoding.UTF8.GetByteCount(name));
        Assert.Equal(name, DocumentId.FromObjectName(name));
    }

    [Fact]
    public void FromObjectName_IdOfExactly1500Bytes_IsNotHashed()
    {
        var name = new string('/', 500);
        Assert.Equal(string.Concat(Enumerable.Repeat("%2F", 500)), DocumentId.FromObjectName(name));
    }

    [Fact]
    public void FromObjectName_IdOver1500Bytes_IsSha256OfTheName()
    {
        var name = new string('/', 500) + "a"; // escapes to 1,501 bytes
        var expected = "%23" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name)));

        var id = DocumentId.FromObjectName(name);

        Assert.Equal(expected, id);
        Assert.Equal(67, id.Length);
        Assert.Null(DocumentId.ToObjectName(id));
    }

    [Fact]
    public void FromObjectName_KnownHash()
    {
        // SHA-256("/" x 600), computed independently with sha256sum.
        var id = DocumentId.FromObjectName(new string('/', 600));
        Assert.Equal("%23" + ExpectedSlashHash, id);
    }

    [Theory]
    [InlineData("%2f")]
    [InlineData("a%2Gb")]
    [InlineData("%5Fabc")]
    [InlineData("abc%")]
    [InlineData("%23abc")]
    [InlineData("%230123")]
    public void ToObjectName_IdNotMadeByFromObjectName_Throws(string id) =>
        Assert.Throws<FormatException>(() => DocumentId.ToObjectName(id));

    [Fact]
    public void RoundTrip_RandomNames()
    {
        var random = new Random(20240601);
        const string alphabet = "ab_./%#2F5E3é日 ";
        for (var i = 0; i < 5000; i++)
        {
            var chars = new char[random.Next(1, 12)];
            for (var j = 0; j < chars.Length; j++)
            {
                chars[j] = alphabet[random.Next(alphabet.Length)];
            }

            var name = new string(chars);
            Assert.Equal(name, DocumentId.ToObjectName(DocumentId.FromObjectName(name)));
        }
    }

    [Fact]
    public void FromObjectName_IsCollisionFree_OverEveryShortName()
    {
        // Every name of up to four characters over the characters that matter to the escaping, plus names long
        // enough to be hashed: no two share an id.
        const string alphabet = "%/._2F5E#3";
        var names = new List<string> { "" };
        var all = new List<string>();
        for (var length = 1; length <= 4; length++)
        {
            names = [.. names.SelectMany(prefix => alphabet.Select(c => prefix + c))];
            all.AddRange(names);
        }

        all.AddRange(all.Take(2000).Select(n => new string('/', 500) + n));
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in all)
        {
            var id = DocumentId.FromObjectName(name);
            Assert.True(ids.TryAdd(id, name), $"'{name}' and '{ids.GetValueOrDefault(id)}' both map to '{id}'");
            Assert.Equal(id.StartsWith("%23", StringComparison.Ordinal), name.Length > 500);
            Assert.DoesNotContain('/', id);
            Assert.False(id is "." or "..");
        }
    }

    private const string ExpectedSlashHash = "9ce88c985e5da24655a38fbf195355ddabda03a1c28a1813af90a8c2d44de9cc";
}
