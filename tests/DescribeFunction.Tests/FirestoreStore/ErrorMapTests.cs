using DescribeFunction.Embedding;
using DescribeFunction.Firestore;
using DescribeFunction.FirestoreStore;

namespace DescribeFunction.Tests.FirestoreStore;

/// <summary>
/// <c>error</c> and <c>embeddingError</c> are written by the one <see cref="DescriptionDocument.ErrorMap"/>: the same
/// {<c>code</c>, <c>message</c>}, with <c>transient</c> only in <c>error</c>.
/// </summary>
public sealed class ErrorMapTests
{
    [Fact]
    public void ErrorFields_AreCodeMessageAndTransient()
    {
        var error = DescriptionDocument.ErrorFields("endpoint-400", "Bad request.", transient: true);

        Assert.Equal(["code", "message", "transient"], error.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("endpoint-400", error.GetString("code"));
        Assert.Equal("Bad request.", error.GetString("message"));
        Assert.True(error.GetBoolean("transient"));
    }

    [Fact]
    public void AnEmbeddingFailure_IsCodeAndMessageOnly()
    {
        var fields = new DocumentFields();
        var outcome = EmbeddingOutcome.Failure(new EmbedderIdentity("text-embedding-005", 768, "h"), "embedding-429", "Quota.", transient: true);

        var deleted = EmbeddingFields.AddTo(fields, outcome);

        var error = fields.GetMap("embeddingError")!;
        Assert.Equal(["code", "message"], error.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("embedding-429", error.GetString("code"));
        Assert.Equal("Quota.", error.GetString("message"));
        Assert.Equal(["embedding", "embedder"], deleted);
    }
}
