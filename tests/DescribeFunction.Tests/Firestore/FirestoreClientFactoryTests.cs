using DescribeFunction.Firestore;

namespace DescribeFunction.Tests.Firestore;

public class FirestoreClientFactoryTests
{
    [Fact]
    public void Create_WithoutEmulatorOrCredential_Throws()
    {
        var error = Assert.Throws<ArgumentNullException>(() => FirestoreClient.Create("p", "(default)", emulatorHost: null, credential: null));
        Assert.Contains("emulator", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a/b")]
    [InlineData("p?x")]
    public void Constructor_RejectsProjectIdsThatWouldBreakPaths(string projectId) =>
        Assert.ThrowsAny<ArgumentException>(() => new FirestoreClient(
            new HttpClient(), EmulatorAuth.Instance, projectId, "(default)", new Uri("http://h/v1/")));

    [Fact]
    public void DocumentName_IsThePlainResourceName()
    {
        var client = new FirestoreClient(new HttpClient(), EmulatorAuth.Instance, "p", "orders-db", new Uri("http://h/v1"));
        Assert.Equal("projects/p/databases/orders-db/documents/c/a%2Fb", client.DocumentName("c", "a%2Fb"));
    }
}
