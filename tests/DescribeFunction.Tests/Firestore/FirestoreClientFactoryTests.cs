using DescribeFunction.Configuration;
using DescribeFunction.Firestore;

namespace DescribeFunction.Tests.Firestore;

public class FirestoreClientFactoryTests
{
    [Theory]
    [InlineData("localhost:8681", "http://localhost:8681/v1/")]
    [InlineData("127.0.0.1:8681", "http://127.0.0.1:8681/v1/")]
    [InlineData("http://127.0.0.1:8681/", "http://127.0.0.1:8681/v1/")]
    public void EmulatorBaseUrl_FromHostPort(string host, string expected) =>
        Assert.Equal(expected, FirestoreClient.EmulatorBaseUrl(host).AbsoluteUri);

    [Fact]
    public void Create_WithoutEmulatorOrCredential_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => FirestoreClient.Create(new DescribeOptions(), "p", null));
        Assert.Contains("FIRESTORE_EMULATOR_HOST", error.Message, StringComparison.Ordinal);
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
